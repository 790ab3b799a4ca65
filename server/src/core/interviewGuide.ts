// The interview guide of a new transcript (Kader: New Transcript): front matter, the dialogue
// questions of the project's codebook (the seven of Tabel 1 without one), the article's follow-up
// prompts per aspect, and a closing question on the learning level and loop.

import { FRAMEWORK } from './framework';
import { CLOSING_PROMPTS, FOLLOW_UPS, LEVEL_FAMILY, LOOP_FAMILY } from './frameworkDistinctions';
import type { Locale } from './types';

/** One question of the guide: the aspect it is about and its dialogue question (absent: none written). */
export interface GuideQuestion {
  code: string;
  name: string;
  question?: string;
}

/** A codebook's code as the guide reads it (the codebook's or `kader/codes`'s entries). */
export interface GuideCode {
  code: string;
  name: string;
  /** The first paragraph of its description, as plain text. */
  description?: string;
  /** False for a code in use that the codebook lacks. */
  defined?: boolean;
}

/** The seven aspects of the built-in framework with their questions. */
export function frameworkQuestions(locale: Locale): GuideQuestion[] {
  return FRAMEWORK.filter((entry) => !entry.code.includes('/')).map((entry) => ({ code: entry.code, name: entry.name[locale], question: entry.question[locale] }));
}

/**
 * The guide of a codebook: each aspect (a top-level code; the learning level and loop, which the
 * closing question asks, left out) in the codebook's order, with its dialogue question as written
 * there: the first paragraph of its description when that asks something (holds a `?`).
 */
export function guideQuestions(codes: readonly GuideCode[]): GuideQuestion[] {
  return codes
    .filter((c) => c.defined !== false && !c.code.includes('/') && c.code !== LEVEL_FAMILY && c.code !== LOOP_FAMILY)
    .map((c) => {
      const question = c.description?.trim();
      return question?.includes('?') ? { code: c.code, name: c.name, question } : { code: c.code, name: c.name };
    });
}

/** The language of a codebook, told by the names of the framework's aspects in it; undefined when they do not tell. */
export function codebookLocale(codes: readonly GuideCode[]): Locale | undefined {
  let nl = 0;
  let en = 0;
  for (const c of codes) {
    const aspect = FRAMEWORK.find((f) => f.code === c.code);
    if (!aspect || aspect.name.nl === aspect.name.en) continue;
    const name = c.name.trim().toLowerCase();
    if (name === aspect.name.nl.toLowerCase()) nl++;
    else if (name === aspect.name.en.toLowerCase()) en++;
  }
  return nl > en ? 'nl' : en > nl ? 'en' : undefined;
}

/** YAML-safe scalar: quoted when it could be read as something else. */
function yamlString(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(value) && !/^(true|false|null|yes|no|~)$/i.test(value) ? value : JSON.stringify(value);
}

/**
 * The text of a new transcript: front matter and the interview guide, a section per question whose
 * heading carries its aspect (`## Vraag 1 — Intentie {#intentie}`, as the snippets do), the
 * article's follow-up prompts as comments, and a closing question on the learning level and loop.
 * Without `questions`, the seven of the built-in framework.
 */
export function transcriptTemplate(locale: Locale, practice: string | undefined, coder: string, date: string, questions: readonly GuideQuestion[] = frameworkQuestions(locale)): string {
  const words =
    locale === 'nl'
      ? {
          title: 'Reflectiegesprek',
          practice: 'Naam van de praktijk',
          question: 'Vraag',
          hint: 'Codeer tekst: selecteer woorden en druk op Ctrl+Alt+K (Cmd+Alt+K op een Mac).',
          followUp: 'Doorvragen',
          closing: 'Afsluiting — wat is er geleerd?',
        }
      : {
          title: 'Reflection conversation',
          practice: 'Name of the practice',
          question: 'Question',
          hint: 'Code text: select words and press Ctrl+Alt+K (Cmd+Alt+K on a Mac).',
          followUp: 'Follow up',
          closing: 'Closing — what was learnt?',
        };
  const lines = [
    '---',
    `practice: ${yamlString(practice ?? words.practice)}`,
    `coder: ${yamlString(coder)}`,
    `title: ${words.title}`,
    `date: ${date}`,
    'participants: [Interviewer, S1, S2]',
    '---',
    `# ${words.title}`,
    '',
    `<!-- ${words.hint} -->`,
    '',
  ];
  questions.forEach((entry, i) => {
    lines.push(`## ${words.question} ${i + 1} — ${entry.name} {#${entry.code}}`, '', entry.question ? `**Interviewer:** ${entry.question}` : '**Interviewer:** ', '');
    const followUp = FOLLOW_UPS[entry.code]?.[locale];
    if (followUp) lines.push(`<!-- ${words.followUp}: ${followUp} -->`, '');
    lines.push('**S1:** ', '');
  });
  lines.push(`## ${words.closing}`, '', `**Interviewer:** ${CLOSING_PROMPTS[locale]}`, '', '**S1:** ', '');
  return lines.join('\n');
}
