// Message texts of every diagnostic, in English and Dutch. A diagnostic carries its rule and
// arguments; the text is made when it is shown, in the locale the user chose.

import { localize, type Translate } from './l10n';
import type { Diagnostic, Locale, RuleId } from './types';

type Template = (t: Translate, args: Readonly<Record<string, string>>) => string;

const FRONT_MATTER: Template = (t, a) =>
  a['problem'] === 'empty'
    ? t('“practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.')
    : a['problem'] === 'unclosed'
    ? t('The front matter is never closed: add a line “---” after it.')
    : a['problem'] === 'not-mapping'
      ? t('The front matter must be a list of “key: value” lines.')
      : a['problem'] === 'persons'
      ? t('“{key}” names the person of each speaker, one per line: “S1: P07” (the speaker’s label, a colon, an invented or pseudonymous id).', a)
      : a['problem'] === 'not-string'
        ? t('“{key}” must be a single name (text).', a)
        : a['problem'] === 'too-deep'
          ? t('The front matter is nested too deeply to read (more than {limit} levels).', a)
          : a['problem'] === 'aliases'
            ? t('The front matter repeats aliases (“*name”) too often to read safely (more than {limit}).', a)
            : t('The front matter is not valid YAML: {detail}', a);

const PARSE_FALLBACK: Template = (t, a) =>
  a['reason'] === 'markup'
    ? t('This paragraph holds more Markdown markup (brackets, asterisks, underscores, backticks) than Kader reads as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.')
    : a['reason'] === 'length'
      ? t('This paragraph is too long to read as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.')
      : a['reason'] === 'error'
        ? t('This paragraph could not be read as Markdown (it is nested too deeply), so it was read line by line: codes are found, but Markdown details may be missed.')
        : t('This file took too long to read as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.');

const MESSAGES: Record<RuleId, Template> = {
  'unclosed-attributes': (t) => t('This attribute block “{” is not closed on its line: add “}”.'),
  'fragment-without-start': (t) => t('This fragment has no opening “[” in the same paragraph.'),
  'empty-fragment': (t) => t('This fragment codes no text.'),
  'stray-attributes': (t) => t('These codes code nothing: put them right after “[text]”, or at the end of a paragraph, heading or “:::” line.'),
  'unclosed-div': (t) => t('This coded block “:::” is never closed: add a line “:::” where it ends.'),
  'unopened-div': (t) => t('This “:::” closes no coded block.'),
  'invalid-code': (t, a) => t('“{text}” is not a valid code: use letters, digits, “-” and “_”, with “/” between levels.', a),
  'duplicate-code': (t, a) => t('#{code} is already given to this fragment.', a),
  'undefined-code': (t, a) => t('#{code} is not in the codebook.', a),
  'undefined-subcode': (t, a) => t('#{code} is a new sub-code of #{aspect}, not yet in the codebook.', a),
  'code-case': (t, a) => t('#{code} differs only in upper and lower case from #{expected} in the codebook.', a),
  'missing-hash': (t, a) => t('Did you mean the code #{word}? Codes start with “#”.', a),
  'front-matter': FRONT_MATTER,
  'merge-conflict': (t) => t('An unresolved git merge conflict: choose between the versions and remove the “<<<<<<<”, “=======” and “>>>>>>>” lines.'),
  'codebook-duplicate': (t, a) => t('#{code} is already defined on line {line}.', a),
  'codebook-color': (t, a) => t('“{color}” is not a colour: write “#RGB” or “#RRGGBB”.', a),
  'too-large': (t, a) => t('This file is larger than {limit} MB ({setting}), so Kader does not read it: its codes are not found or counted.', a),
  'parse-fallback': PARSE_FALLBACK,
};

export function messageOf(diagnostic: Pick<Diagnostic, 'rule' | 'args'>, locale: Locale): string {
  return MESSAGES[diagnostic.rule](localize(locale), diagnostic.args);
}

/** The locale for a VS Code or environment language tag: Dutch for `nl*`, English otherwise. */
export function localeOf(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
