// The framework for learning practices: its seven aspects with their dialogue questions (Tabel 1
// of the source article), in Dutch and English, and the codebooks made from them.

import { aspectOf } from './codes';
import { DISTINCTIONS, LEARNING, type FrameworkSubCode } from './frameworkDistinctions';
import type { Locale } from './types';

export interface FrameworkCode {
  code: string;
  color: string;
  name: Record<Locale, string>;
  question: Record<Locale, string>;
}

export const FRAMEWORK: readonly FrameworkCode[] = [
  {
    code: 'intentie',
    color: '#4E79A7',
    name: { nl: 'Intentie', en: 'Intention' },
    question: {
      nl: 'Wat is de bedoeling van de lerende praktijk? (volgens verschillende betrokkenen)',
      en: 'What is the purpose of the learning practice? (according to the different people involved)',
    },
  },
  {
    code: 'activiteit',
    color: '#F28E2B',
    name: { nl: 'Activiteit', en: 'Activity' },
    question: { nl: 'Wat wordt er gedaan in de lerende praktijk?', en: 'What is done in the learning practice?' },
  },
  {
    code: 'normativiteit',
    color: '#E15759',
    name: { nl: 'Normativiteit', en: 'Normativity' },
    question: {
      nl: 'Welke opvattingen, normen, waarden zijn heersend en beïnvloeden de acties van betrokkenen?',
      en: 'Which views, norms and values prevail and influence the actions of those involved?',
    },
  },
  {
    code: 'context',
    color: '#76B7B2',
    name: { nl: 'Context', en: 'Context' },
    question: { nl: 'In welke globale context staat de lerende praktijk?', en: 'In what wider context does the learning practice stand?' },
  },
  {
    code: 'space-en-place',
    color: '#59A14F',
    name: { nl: 'Space en place', en: 'Space and place' },
    question: {
      nl: 'In welke abstracte en fysieke (space) en welke beleefde en psychologische (place) ruimte speelt de lerende praktijk zich af?',
      en: 'In which abstract and physical space, and in which experienced and psychological place, does the learning practice take place?',
    },
  },
  {
    code: 'space-en-place/space',
    color: '#59A14F',
    name: { nl: 'Space', en: 'Space' },
    question: {
      nl: 'De abstracte en fysieke ruimte: ontmoeten we elkaar op de hogeschool, in de grote hal van het gemeentehuis of in een buurtcentrum?',
      en: 'The abstract and physical space: do we meet at the university, in the great hall of the town hall or in a community centre?',
    },
  },
  {
    code: 'space-en-place/place',
    color: '#8CD17D',
    name: { nl: 'Place', en: 'Place' },
    question: {
      nl: 'De beleefde en psychologische ruimte: voel ik me daar net zo thuis als jij? Voelen we gezamenlijkheid?',
      en: 'The experienced and psychological place: do I feel as much at home there as you do? Do we feel togetherness?',
    },
  },
  {
    code: 'actanten',
    color: '#B07AA1',
    name: { nl: 'Actanten', en: 'Actants' },
    question: {
      nl: 'Wat zijn relevante spelers? Welke dingen (beleidsstukken, fysieke zaken) of gebeurtenissen (bezuinigingen, aanbestedingen) spelen een rol?',
      en: 'Who are the relevant players? Which things (policy documents, physical objects) or events (budget cuts, tenders) play a part?',
    },
  },
  {
    code: 'outcome',
    color: '#EDC948',
    name: { nl: 'Outcome/waarde', en: 'Outcome/value' },
    question: {
      nl: 'Wat levert de lerende praktijk op? Dat kan van alles zijn, zowel op individueel als op collectief niveau. Voor jou, voor de groep, voor je collega’s, voor de organisatie? Wat zijn eventuele onbedoelde uitkomsten?',
      en: 'What does the learning practice yield? That can be anything, at the individual as well as the collective level. For you, for the group, for your colleagues, for the organisation? What are any unintended outcomes?',
    },
  },
];

export interface FrameworkOptions {
  /** The article's distinctions per aspect as sub-codes (frameworkDistinctions.ts). Default true. */
  distinctions?: boolean;
  /** The second code family: learning level and loop. Default false. */
  learning?: boolean;
}

/** One code of a framework codebook, in one language. */
export interface FrameworkEntry {
  code: string;
  name: string;
  color?: string;
  /** The short description: the dialogue question, or the distinction as the article puts it. */
  description: string;
  /** The article's own words, for the distinctions and the learning family. */
  source?: string;
}

/** The codes of a framework codebook, each aspect followed by its sub-codes. */
export function frameworkEntries(locale: Locale, options: FrameworkOptions = {}): FrameworkEntry[] {
  const out: FrameworkEntry[] = [];
  const sub = (c: FrameworkSubCode): FrameworkEntry => ({ code: c.code, name: c.name[locale], description: c.description[locale], source: c.source });
  for (const aspect of FRAMEWORK) {
    if (aspect.code.includes('/')) continue;
    for (const entry of FRAMEWORK) {
      if (aspectOf(entry.code) === aspect.code) out.push({ code: entry.code, name: entry.name[locale], color: entry.color, description: entry.question[locale] });
    }
    if (options.distinctions !== false) out.push(...DISTINCTIONS.filter((d) => aspectOf(d.code) === aspect.code).map(sub));
  }
  if (options.learning) {
    for (const family of LEARNING) {
      out.push({ code: family.code, name: family.name[locale], color: family.color, description: family.description[locale], source: family.source });
      out.push(...family.codes.map(sub));
    }
  }
  return out;
}

/** The paragraph that names the article's words a code follows. */
export function sourceLine(source: string, locale: Locale): string {
  return locale === 'nl' ? `Uit het artikel: “${source}”` : `From the article (in Dutch): “${source}”`;
}

/** An entry's whole description: its short description, then the article's words. */
export function entryDescription(entry: FrameworkEntry, locale: Locale): string {
  return entry.source === undefined ? entry.description : `${entry.description}\n\n${sourceLine(entry.source, locale)}`;
}

/**
 * The framework as a `codebook.md`, for Create Codebook and for quick fixes that need one. By
 * default with the distinctions, as the built-in codebook has them.
 */
export function frameworkCodebookMarkdown(locale: Locale, options: FrameworkOptions = {}): string {
  const title = locale === 'nl' ? 'Codeboek lerende praktijken' : 'Codebook for learning practices';
  const parts = [`---\ntitle: ${title}\n---\n`];
  for (const entry of frameworkEntries(locale, options)) {
    const depth = entry.code.includes('/') ? '##' : '#';
    const color = entry.color === undefined ? '' : ` color="${entry.color}"`;
    parts.push(`${depth} ${entry.name} {#${entry.code}${color}}\n\n${entryDescription(entry, locale)}\n`);
  }
  return parts.join('\n');
}
