// The server's own words (quick fix titles, hover, completion, refusals), in English and Dutch.
// Diagnostic messages live in core/messages.ts.

import type { Locale } from '../core/types';

const EN = {
  fragments: (n: number) => (n === 1 ? '1 fragment' : `${n} fragments`),
  practices: (n: number) => (n === 1 ? '1 practice' : `${n} practices`),
  usage: (fragments: string, practices: string) => `${fragments} in ${practices}`,
  withSubcodes: (n: number) => ` (${n} with sub-codes)`,
  topPractices: 'Most in',
  notUsed: 'Not used yet.',
  usedIn: (n: number) => (n === 1 ? 'Used in 1 fragment.' : `Used in ${n} fragments.`),
  notInCodebook: 'Not in the codebook.',
  builtIn: 'Built-in framework',
  changeTo: (code: string) => `Change to #${code}`,
  addToCodebook: (code: string) => `Add #${code} to the codebook`,
  createCodebook: (path: string, code: string) => `Create ${path} with the framework and #${code}`,
  removeDuplicate: (code: string) => `Remove the duplicate #${code}`,
  addHash: (word: string) => `Add the missing # (#${word})`,
  notACode: 'Put the cursor on a code (#…) to rename it.',
  notTranscript: 'This file is not a transcript of a workspace folder.',
  changedMeanwhile: 'The document changed meanwhile: try again.',
};

type Strings = typeof EN;

const NL: Strings = {
  fragments: (n) => (n === 1 ? '1 fragment' : `${n} fragmenten`),
  practices: (n) => (n === 1 ? '1 praktijk' : `${n} praktijken`),
  usage: (fragments, practices) => `${fragments} in ${practices}`,
  withSubcodes: (n) => ` (${n} met subcodes)`,
  topPractices: 'Meest in',
  notUsed: 'Nog niet gebruikt.',
  usedIn: (n) => (n === 1 ? 'Gebruikt in 1 fragment.' : `Gebruikt in ${n} fragmenten.`),
  notInCodebook: 'Staat niet in het codeboek.',
  builtIn: 'Ingebouwd kader',
  changeTo: (code) => `Wijzig in #${code}`,
  addToCodebook: (code) => `Voeg #${code} toe aan het codeboek`,
  createCodebook: (path, code) => `Maak ${path} met het kader en #${code}`,
  removeDuplicate: (code) => `Verwijder de dubbele #${code}`,
  addHash: (word) => `Voeg de ontbrekende # toe (#${word})`,
  notACode: 'Zet de cursor op een code (#…) om die te hernoemen.',
  notTranscript: 'Dit bestand is geen transcript van een werkruimtemap.',
  changedMeanwhile: 'Het document is intussen veranderd: probeer het opnieuw.',
};

export function strings(locale: Locale): Strings {
  return locale === 'nl' ? NL : EN;
}
