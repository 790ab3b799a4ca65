// The interview guide of a new transcript (Kader: New Transcript): front matter, the seven
// dialogue questions of Tabel 1, the article's follow-up prompts per aspect, and a closing question
// on the learning level and loop.

import { FRAMEWORK } from './framework';
import { CLOSING_PROMPTS, FOLLOW_UPS } from './frameworkDistinctions';
import type { Locale } from './types';

/** YAML-safe scalar: quoted when it could be read as something else. */
function yamlString(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(value) && !/^(true|false|null|yes|no|~)$/i.test(value) ? value : JSON.stringify(value);
}

/**
 * The text of a new transcript: front matter and the interview guide with the seven dialogue
 * questions, the article's follow-up prompts as comments, and a closing question on the learning
 * level and loop.
 */
export function transcriptTemplate(locale: Locale, practice: string | undefined, coder: string, date: string): string {
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
  FRAMEWORK.filter((entry) => !entry.code.includes('/')).forEach((entry, i) => {
    lines.push(`## ${words.question} ${i + 1} — ${entry.name[locale]}`, '', `**Interviewer:** ${entry.question[locale]}`, '');
    const followUp = FOLLOW_UPS[entry.code]?.[locale];
    if (followUp) lines.push(`<!-- ${words.followUp}: ${followUp} -->`, '');
    lines.push('**S1:** ', '');
  });
  lines.push(`## ${words.closing}`, '', `**Interviewer:** ${CLOSING_PROMPTS[locale]}`, '', '**S1:** ', '');
  return lines.join('\n');
}
