// The built-in codebook: the seven aspects of the framework for learning practices, with their
// dialogue questions (Tabel 1 of the source article), in Dutch and English.

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

/** The framework as a `codebook.md`, for Create Codebook and for quick fixes that need one. */
export function frameworkCodebookMarkdown(locale: Locale): string {
  const title = locale === 'nl' ? 'Codeboek lerende praktijken' : 'Codebook for learning practices';
  const parts = [`---\ntitle: ${title}\n---\n`];
  for (const entry of FRAMEWORK) {
    const depth = entry.code.includes('/') ? '##' : '#';
    parts.push(`${depth} ${entry.name[locale]} {#${entry.code} color="${entry.color}"}\n\n${entry.question[locale]}\n`);
  }
  return parts.join('\n');
}
