// Message texts of every diagnostic, in English and Dutch. A diagnostic carries its rule and
// arguments; the text is made when it is shown, in the locale the user chose.

import type { Diagnostic, Locale, RuleId } from './types';

type Template = (args: Record<string, string>) => string;

const FRONT_MATTER: Record<Locale, Template> = {
  en: (a) =>
    a['problem'] === 'unclosed'
      ? 'The front matter is never closed: add a line “---” after it.'
      : a['problem'] === 'not-mapping'
        ? 'The front matter must be a list of “key: value” lines.'
        : a['problem'] === 'not-string'
          ? `“${a['key']}” must be a single name (text).`
          : a['problem'] === 'too-deep'
            ? `The front matter is nested too deeply to read (more than ${a['limit']} levels).`
            : a['problem'] === 'aliases'
              ? `The front matter repeats aliases (“*name”) too often to read safely (more than ${a['limit']}).`
              : `The front matter is not valid YAML: ${a['detail']}`,
  nl: (a) =>
    a['problem'] === 'unclosed'
      ? 'De front matter wordt nooit gesloten: zet er een regel “---” achter.'
      : a['problem'] === 'not-mapping'
        ? 'De front matter moet bestaan uit regels “sleutel: waarde”.'
        : a['problem'] === 'not-string'
          ? `“${a['key']}” moet één naam (tekst) zijn.`
          : a['problem'] === 'too-deep'
            ? `De front matter is te diep genest om te lezen (meer dan ${a['limit']} niveaus).`
            : a['problem'] === 'aliases'
              ? `De front matter herhaalt aliassen (“*naam”) te vaak om veilig te lezen (meer dan ${a['limit']}).`
              : `De front matter is geen geldige YAML: ${a['detail']}`,
};

const MESSAGES: Record<RuleId, Record<Locale, Template>> = {
  'unclosed-attributes': {
    en: () => 'This attribute block “{” is not closed on its line: add “}”.',
    nl: () => 'Dit attribuutblok “{” wordt niet gesloten op dezelfde regel: voeg “}” toe.',
  },
  'fragment-without-start': {
    en: () => 'This fragment has no opening “[” in the same paragraph.',
    nl: () => 'Dit fragment heeft geen openend “[” in dezelfde alinea.',
  },
  'empty-fragment': {
    en: () => 'This fragment codes no text.',
    nl: () => 'Dit fragment codeert geen tekst.',
  },
  'stray-attributes': {
    en: () => 'These codes code nothing: put them right after “[text]”, or at the end of a paragraph, heading or “:::” line.',
    nl: () => 'Deze codes coderen niets: zet ze direct na “[tekst]”, of aan het eind van een alinea, kop of “:::”-regel.',
  },
  'unclosed-div': {
    en: () => 'This coded block “:::” is never closed: add a line “:::” where it ends.',
    nl: () => 'Dit gecodeerde blok “:::” wordt nooit gesloten: zet een regel “:::” waar het eindigt.',
  },
  'unopened-div': {
    en: () => 'This “:::” closes no coded block.',
    nl: () => 'Deze “:::” sluit geen gecodeerd blok af.',
  },
  'invalid-code': {
    en: (a) => `“${a['text']}” is not a valid code: use letters, digits, “-” and “_”, with “/” between levels.`,
    nl: (a) => `“${a['text']}” is geen geldige code: gebruik letters, cijfers, “-” en “_”, met “/” tussen niveaus.`,
  },
  'duplicate-code': {
    en: (a) => `#${a['code']} is already given to this fragment.`,
    nl: (a) => `#${a['code']} staat al bij dit fragment.`,
  },
  'undefined-code': {
    en: (a) => `#${a['code']} is not in the codebook.`,
    nl: (a) => `#${a['code']} staat niet in het codeboek.`,
  },
  'undefined-subcode': {
    en: (a) => `#${a['code']} is a new sub-code of #${a['aspect']}, not yet in the codebook.`,
    nl: (a) => `#${a['code']} is een nieuwe subcode van #${a['aspect']}, nog niet in het codeboek.`,
  },
  'code-case': {
    en: (a) => `#${a['code']} differs only in upper and lower case from #${a['expected']} in the codebook.`,
    nl: (a) => `#${a['code']} verschilt alleen in hoofdletters van #${a['expected']} in het codeboek.`,
  },
  'missing-hash': {
    en: (a) => `Did you mean the code #${a['word']}? Codes start with “#”.`,
    nl: (a) => `Bedoel je de code #${a['word']}? Codes beginnen met “#”.`,
  },
  'front-matter': FRONT_MATTER,
  'merge-conflict': {
    en: () => 'An unresolved git merge conflict: choose between the versions and remove the “<<<<<<<”, “=======” and “>>>>>>>” lines.',
    nl: () => 'Een onopgelost git-samenvoegconflict: kies tussen de versies en verwijder de regels “<<<<<<<”, “=======” en “>>>>>>>”.',
  },
  'codebook-duplicate': {
    en: (a) => `#${a['code']} is already defined on line ${a['line']}.`,
    nl: (a) => `#${a['code']} is al gedefinieerd op regel ${a['line']}.`,
  },
  'codebook-color': {
    en: (a) => `“${a['color']}” is not a colour: write “#RGB” or “#RRGGBB”.`,
    nl: (a) => `“${a['color']}” is geen kleur: schrijf “#RGB” of “#RRGGBB”.`,
  },
  'too-large': {
    en: (a) => `This file is larger than ${a['limit']} MB (${a['setting']}), so Kader does not read it: its codes are not found or counted.`,
    nl: (a) => `Dit bestand is groter dan ${a['limit']} MB (${a['setting']}), dus Kader leest het niet: de codes erin worden niet gevonden of geteld.`,
  },
  'parse-fallback': {
    en: (a) =>
      `${
        a['reason'] === 'markup'
          ? 'This paragraph holds more Markdown markup (brackets, asterisks, underscores, backticks) than Kader reads as Markdown'
          : a['reason'] === 'length'
            ? 'This paragraph is too long to read as Markdown'
            : a['reason'] === 'error'
              ? 'This paragraph could not be read as Markdown (it is nested too deeply)'
              : 'This file took too long to read as Markdown'
      }, so it was read line by line: codes are found, but Markdown details may be missed.`,
    nl: (a) =>
      `${
        a['reason'] === 'markup'
          ? 'Deze alinea bevat meer Markdown-opmaak (haken, sterretjes, liggende streepjes, backticks) dan Kader als Markdown leest'
          : a['reason'] === 'length'
            ? 'Deze alinea is te lang om als Markdown te lezen'
            : a['reason'] === 'error'
              ? 'Deze alinea kon niet als Markdown gelezen worden (hij is te diep genest)'
              : 'Dit bestand kostte te veel tijd om als Markdown te lezen'
      } en is daarom regel voor regel gelezen: codes worden gevonden, Markdown-details misschien niet.`,
  },
};

export function messageOf(diagnostic: Pick<Diagnostic, 'rule' | 'args'>, locale: Locale): string {
  return MESSAGES[diagnostic.rule][locale](diagnostic.args);
}

/** The locale for a VS Code or environment language tag: Dutch for `nl*`, English otherwise. */
export function localeOf(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
