// The forms in which a person's name occurs in a Dutch conversation, and the participant labels
// that are roles, not names.

import { foldedWords } from './fold';

/** Dutch surname prefixes (tussenvoegsels), folded. `van der`, `van den`, `in 't` are sequences of these. */
const PREFIXES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', 'te', 'het', 't', 'in', 'op', 'aan', 'la', 'le', 'du', 'da', 'di', 'del', 'von', 'vande', 'vd', 'v']);

export function isSurnamePrefix(foldedWord: string): boolean {
  return PREFIXES.has(foldedWord);
}

export type NameForm = 'full' | 'first' | 'surname';

/**
 * The forms of a name, as folded word sequences: the whole name; and for a name of more than one
 * part, the first name alone (`Jan-Willem` is one first name), the surname with its prefix
 * (`van der berg`) and without it (`berg`). `Fatima El Amrani` gives `el amrani` and `amrani` too
 * (`El` is not a Dutch prefix, so `el amrani` is the surname).
 */
export function nameForms(name: string): { form: NameForm; words: string[] }[] {
  const parts = name
    .trim()
    .split(/\s+/)
    .map(foldedWords)
    .filter((p) => p.length > 0);
  if (parts.length === 0) return [];
  const forms: { form: NameForm; words: string[] }[] = [{ form: 'full', words: parts.flat() }];
  if (parts.length < 2) return forms;
  forms.push({ form: 'first', words: parts[0]! });
  let p = 1;
  while (p < parts.length - 1 && parts[p]!.length === 1 && isSurnamePrefix(parts[p]![0]!)) p++;
  if (p > 1) forms.push({ form: 'surname', words: parts.slice(1).flat() });
  forms.push({ form: 'surname', words: parts.slice(p).flat() });
  // `Fatima El Amrani`: the last part alone is a surname form too.
  if (parts.length - p > 1) forms.push({ form: 'surname', words: parts[parts.length - 1]! });
  return forms.filter((f, i) => forms.findIndex((g) => g.words.join(' ') === f.words.join(' ')) === i);
}

const ROLE_WORDS =
  /^(?:interviewer|interviewster|interviewee|deelnemer|deelneemster|participant|respondent|moderator|onderzoeker|gespreksleider|gespreksleidster|spreker|speaker|facilitator|begeleider|notulist|observator|observer|persoon|person|student|docent|teacher|leerling|cliënt|client|bewoner|resident|onbekend|unknown|iedereen|everyone|allen|all|groep|group)(?:\s*\d+|\s+[A-Z])?$/iu;
const CODE_LABEL = /^\p{Lu}{1,3}\s?\d*$/u;

/** A participant label that is a role or a code (`Interviewer`, `S1`, `R2`, `Deelnemer 3`), not a name. */
export function isRoleLabel(label: string): boolean {
  const trimmed = label.trim();
  return trimmed === '' || /^\d+$/.test(trimmed) || CODE_LABEL.test(trimmed) || ROLE_WORDS.test(trimmed);
}
