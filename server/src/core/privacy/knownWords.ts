// The small word list of capitalised words that are not personal data. It is principled, not a
// dictionary: the framework's own words, month and day names (Dutch and English), the roles and
// titles of a conversation, Dutch words that are capitalised mid-sentence by rule (countries,
// languages, holidays, institutions), and the function words of both languages, which are never a
// name however they are written. A project adds its own through the allow-list.

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
  'ctrl', 'alt', 'cmd', 'shift', 'mac', 'macos', 'windows', 'linux', 'iphone', 'ipad', 'android',
  'avg', 'gdpr', 'wmo', 'jeugdwet', 'participatiewet', 'hbo', 'mbo', 'wo', 'vwo', 'havo', 'vmbo',
  'i', 'ik', 'u', 'uw', 'ok', 'oke', 'oké', 'ja', 'nee', 'hè', 'he',
];

/** Articles, pronouns, conjunctions, question words and the commonest prepositions and adverbs. */
const FUNCTION_WORDS = [
  'een', 'het', 'dat', 'die', 'dit', 'deze', 'en', 'maar', 'dus', 'want', 'omdat', 'als', 'toen', 'ook', 'niet', 'wel', 'geen', 'nog', 'al', 'er',
  'hier', 'daar', 'nu', 'dan', 'zo', 'wat', 'wie', 'waar', 'hoe', 'waarom', 'wanneer', 'welke', 'wij', 'we', 'zij', 'ze', 'hij', 'jij', 'je', 'jullie',
  'hun', 'hen', 'mijn', 'ons', 'onze', 'met', 'voor', 'naar', 'bij', 'om', 'tot', 'over', 'uit', 'op', 'aan', 'in', 'door', 'na', 'zonder',
  'the', 'a', 'an', 'and', 'but', 'so', 'because', 'if', 'when', 'then', 'also', 'not', 'no', 'yes', 'this', 'that', 'these', 'those', 'what', 'who',
  'where', 'how', 'why', 'which', 'he', 'she', 'it', 'they', 'you', 'my', 'our', 'their', 'with', 'for', 'from', 'to', 'at', 'on', 'of', 'by',
];

/** The folded words of the framework's code names, in both languages (`Intentie`, `Space`, `Outcome`). */
function frameworkWords(): string[] {
  return FRAMEWORK.flatMap((c) => [...foldedWords(c.name.nl), ...foldedWords(c.name.en), ...foldedWords(c.code)]);
}

/** A fresh set of the folded known words (callers add the project's allow-list to it). */
export function knownWords(): Set<string> {
  return new Set([...MONTHS, ...DAYS, ...TITLES, ...ROLES, ...CAPITALISED_BY_RULE, ...FUNCTION_WORDS, ...frameworkWords()]);
}
