// The small word list of capitalised words that are not personal data. It is principled, not a
// dictionary: the framework's own words, month and day names (Dutch and English), the roles and
// titles of a conversation, and Dutch words that are capitalised mid-sentence by rule (countries,
// languages, holidays, institutions). A project adds its own through the allow-list.

import { FRAMEWORK } from '../framework';
import { foldedWords } from './fold';

export const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'oct', 'nov', 'dec', // not `jan`: Jan is a name
];

const DAYS = [
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];

/** Words before a person's name (folded, without a final dot). */
export const TITLES = [
  'meneer', 'mevrouw', 'mevr', 'dhr', 'mw', 'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'drs', 'ir', 'ing', 'prof',
  'wethouder', 'burgemeester', 'gedeputeerde', 'minister', 'directeur', 'buurman', 'buurvrouw', 'juf', 'juffrouw', 'meester',
  'dokter', 'huisarts', 'zuster', 'broeder', 'pastoor', 'dominee', 'imam', 'oom', 'tante', 'opa', 'oma', 'neef', 'nicht',
  'collega', 'uncle', 'aunt', 'neighbour', 'neighbor', 'doctor', 'alderman', 'mayor',
];

const ROLES = [
  'interviewer', 'deelnemer', 'participant', 'respondent', 'moderator', 'onderzoeker', 'gespreksleider', 'spreker', 'speaker', 'vraag', 'question',
  'antwoord', 'answer',
];

const CAPITALISED_BY_RULE = [
  'nederland', 'nederlands', 'nederlandse', 'nederlander', 'nederlanders', 'holland', 'hollands', 'vlaanderen', 'vlaams', 'belgie', 'belgisch',
  'europa', 'europees', 'europese', 'engels', 'engelse', 'duits', 'duitse', 'frans', 'franse', 'turks', 'turkse', 'marokkaans', 'marokkaanse',
  'arabisch', 'pools', 'poolse', 'fries', 'friese', 'randstad', 'rijk', 'rijksoverheid', 'kamer', 'tweede', 'eerste',
  'god', 'here', 'heer', 'kerst', 'kerstmis', 'pasen', 'pinksteren', 'ramadan', 'suikerfeest', 'sinterklaas', 'koningsdag', 'bevrijdingsdag', 'oud', 'nieuw',
  'corona', 'covid', 'teams', 'zoom', 'whatsapp', 'google', 'word', 'excel', 'powerpoint', 'internet', 'linkedin', 'facebook', 'instagram',
  'avg', 'gdpr', 'wmo', 'jeugdwet', 'participatiewet', 'hbo', 'mbo', 'wo', 'vwo', 'havo', 'vmbo',
  'i', 'ik', 'u', 'uw', 'ok', 'oke', 'oké', 'ja', 'nee', 'hè', 'he',
];

/** The folded words of the framework's code names, in both languages (`Intentie`, `Space`, `Outcome`). */
function frameworkWords(): string[] {
  return FRAMEWORK.flatMap((c) => [...foldedWords(c.name.nl), ...foldedWords(c.name.en), ...foldedWords(c.code)]);
}

/** A fresh set of the folded known words (callers add the project's allow-list to it). */
export function knownWords(): Set<string> {
  return new Set([...MONTHS, ...DAYS, ...TITLES, ...ROLES, ...CAPITALISED_BY_RULE, ...frameworkWords()]);
}
