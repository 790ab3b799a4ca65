// What the source article says about each aspect besides its dialogue question (the text around
// Tabel 1), as sub-codes: Intentie vrijwillig or gestuurd, the three kinds of Activiteit, and so on.
// And a second code family for how the learning happens: individual or collective (`niveau`), and
// the 'hoe', 'waarom' and 'waartoe' questions of triple-loop learning (`lus`). Each description
// follows the article's sentence; `source` is that sentence as the article words it.

import type { Locale } from './types';

export interface FrameworkSubCode {
  code: string;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
  /** The article's words the description follows (in Dutch, as the article has them). */
  source: string;
}

/** Sub-codes of the framework's aspects, per aspect in the order the article names them. */
export const DISTINCTIONS: readonly FrameworkSubCode[] = [
  {
    code: 'intentie/vrijwillig',
    name: { nl: 'Vrijwillig', en: 'Voluntary' },
    description: {
      nl: 'De deelnemer doet vrijwillig mee aan de lerende praktijk.',
      en: 'The participant takes part in the learning practice voluntarily.',
    },
    source: 'het kan uitmaken […] of iemand vrijwillig meedoet of door zijn organisatie is gestuurd',
  },
  {
    code: 'intentie/gestuurd',
    name: { nl: 'Gestuurd', en: 'Sent' },
    description: {
      nl: 'De deelnemer is door zijn of haar organisatie gestuurd.',
      en: 'The participant was sent by his or her organisation.',
    },
    source: 'het kan uitmaken […] of iemand vrijwillig meedoet of door zijn organisatie is gestuurd',
  },
  {
    code: 'activiteit/uitwisselen',
    name: { nl: 'Uitwisselen', en: 'Exchanging' },
    description: {
      nl: 'Deelnemers wisselen vooral praktijkervaringen uit.',
      en: 'Participants mainly exchange practice experiences.',
    },
    source: 'wisselen deelnemers bijvoorbeeld vooral praktijkervaringen uit',
  },
  {
    code: 'activiteit/handelingskader',
    name: { nl: 'Handelingskader', en: 'Frame of action' },
    description: {
      nl: 'Deelnemers werken aan een gezamenlijk handelingskader.',
      en: 'Participants work on a shared frame of action.',
    },
    source: 'werken ze aan een gezamenlijk handelingskader',
  },
  {
    code: 'activiteit/veranderen',
    name: { nl: 'Veranderen', en: 'Changing' },
    description: {
      nl: 'Deelnemers streven naar verandering van de gedeelde praktijk.',
      en: 'Participants strive to change the shared practice.',
    },
    source: 'of streven ze naar verandering van de gedeelde praktijk?',
  },
  {
    code: 'normativiteit/gedeeld',
    name: { nl: 'Gedeelde basis', en: 'Shared basis' },
    description: {
      nl: 'Perspectieven, opvattingen en waarden van de deelnemers hebben een gedeelde basis.',
      en: 'The perspectives, views and values of the participants have a shared basis.',
    },
    source: 'als daarin meer gedeelde basis bestaat zal het gezamenlijk proces anders verlopen dan wanneer deze sterk uiteen liggen',
  },
  {
    code: 'normativiteit/uiteen',
    name: { nl: 'Ver uiteen', en: 'Far apart' },
    description: {
      nl: 'Perspectieven, opvattingen en waarden van de deelnemers liggen sterk uiteen.',
      en: 'The perspectives, views and values of the participants lie far apart.',
    },
    source: 'als daarin meer gedeelde basis bestaat zal het gezamenlijk proces anders verlopen dan wanneer deze sterk uiteen liggen',
  },
  {
    code: 'context/macht',
    name: { nl: 'Machtsverschillen', en: 'Power differences' },
    description: {
      nl: 'Bestaande machtsverschillen tussen opdrachtgevers (subsidiegevers, overheden) en opdrachtnemers (welzijnsorganisaties).',
      en: 'Existing power differences between commissioners (funders, governments) and contractors (welfare organisations).',
    },
    source: 'is er bijvoorbeeld sprake van bestaande machtsverschillen tussen opdrachtgevers (subsidiegevers, overheden) en opdrachtnemers (welzijnsorganisaties)',
  },
  {
    code: 'context/samenwerkingsklimaat',
    name: { nl: 'Samenwerkingsklimaat', en: 'Climate of cooperation' },
    description: {
      nl: 'Het samenwerkingsklimaat in de regio: is er een goed samenwerkingsklimaat?',
      en: 'The climate of cooperation in the region: is there a good climate of cooperation?',
    },
    source: 'is er een goed samenwerkingsklimaat in de regio?',
  },
  {
    code: 'context/geschiedenis',
    name: { nl: 'Geschiedenis', en: 'History' },
    description: {
      nl: 'De onderlinge verhoudingen en de geschiedenis van de deelnemers, en de lokale geschiedenis.',
      en: 'The relations and the history of the participants, and the local history.',
    },
    source: 'De bredere Context is van belang om de onderlinge verhoudingen en de geschiedenis van de deelnemers op waarde te kunnen schatten',
  },
  {
    code: 'actanten/persoon',
    name: { nl: 'Personen', en: 'Persons' },
    description: {
      nl: 'Personen die dermate invloedrijk zijn dat ze vorm en inhoud van het leerproces bepalen.',
      en: 'Persons so influential that they shape the form and content of the learning process.',
    },
    source: 'welke personen maar ook dingen […] dermate invloedrijk zijn dat ze vorm en inhoud van het leerproces bepalen',
  },
  {
    code: 'actanten/ding',
    name: { nl: 'Dingen', en: 'Things' },
    description: {
      nl: 'Dingen zoals beleidsstukken, protocollen, kaders, lokale tradities of rituelen die vorm en inhoud van het leerproces bepalen: de vlaai bij de koffie, een beleidskader dat niet ter discussie mag staan.',
      en: 'Things such as policy documents, protocols, frameworks, local traditions or rituals that shape the form and content of the learning process: the vlaai with the coffee, a policy framework that may not be questioned.',
    },
    source:
      'dingen (zoals beleidsstukken, protocollen, kaders, lokale tradities of rituelen) […] denk bijvoorbeeld aan de rol van vlaai bij de koffie, of een beleidskader wat niet ter discussie mag staan',
  },
  {
    code: 'actanten/gebeurtenis',
    name: { nl: 'Gebeurtenissen', en: 'Events' },
    description: {
      nl: 'Gebeurtenissen die een rol spelen, zoals bezuinigingen en aanbestedingen.',
      en: 'Events that play a part, such as budget cuts and tenders.',
    },
    source: 'Welke dingen (beleidsstukken, fysieke zaken) of gebeurtenissen (bezuinigingen, aanbestedingen) spelen een rol?',
  },
  {
    code: 'outcome/zelf',
    name: { nl: 'Voor jou', en: 'For you' },
    description: {
      nl: 'Wat de lerende praktijk de deelnemer zelf oplevert.',
      en: 'What the learning practice yields for the participant.',
    },
    source: 'Voor jou, voor de groep, voor je collega’s, voor de organisatie?',
  },
  {
    code: 'outcome/groep',
    name: { nl: 'Voor de groep', en: 'For the group' },
    description: {
      nl: 'Wat de lerende praktijk de groep oplevert.',
      en: 'What the learning practice yields for the group.',
    },
    source: 'Voor jou, voor de groep, voor je collega’s, voor de organisatie?',
  },
  {
    code: 'outcome/collegas',
    name: { nl: 'Voor je collega’s', en: 'For your colleagues' },
    description: {
      nl: 'Wat de lerende praktijk de collega’s van de deelnemer oplevert.',
      en: 'What the learning practice yields for the participant’s colleagues.',
    },
    source: 'Voor jou, voor de groep, voor je collega’s, voor de organisatie?',
  },
  {
    code: 'outcome/organisatie',
    name: { nl: 'Voor de organisatie', en: 'For the organisation' },
    description: {
      nl: 'Wat de lerende praktijk de organisatie oplevert: hoe leert de organisatie waar een deelnemer deel van uitmaakt ervan?',
      en: 'What the learning practice yields for the organisation: how does the organisation a participant is part of learn from it?',
    },
    source: 'Hoe leert de organisatie waar een deelnemer deel van uit maakt ervan',
  },
  {
    code: 'outcome/bedoeld',
    name: { nl: 'Bedoeld', en: 'Intended' },
    description: {
      nl: 'Een beoogde uitkomst: de (verwachte) uitkomst of de meerwaarde waarvoor de lerende praktijk bedoeld is.',
      en: 'An intended outcome: the (expected) outcome or the added value the learning practice is meant for.',
    },
    source: 'de (verwachte) uitkomst of de daadwerkelijk geleverde meerwaarde van de lerende praktijk',
  },
  {
    code: 'outcome/onbedoeld',
    name: { nl: 'Onbedoeld', en: 'Unintended' },
    description: {
      nl: 'Een onbedoelde uitkomst, die niemand had beoogd.',
      en: 'An unintended outcome, one nobody had aimed for.',
    },
    source: 'Wat zijn eventuele onbedoelde uitkomsten?',
  },
];

export interface FrameworkFamily {
  code: string;
  color: string;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
  source: string;
  codes: readonly FrameworkSubCode[];
}

/** The learning level: the family the aspects are put against in statistics and reports. */
export const LEVEL_FAMILY = 'niveau';
/** The 'hoe', 'waarom' and 'waartoe' questions. */
export const LOOP_FAMILY = 'lus';

/** The second code family: the learning level and the loop. Coded next to an aspect, not instead of one. */
export const LEARNING: readonly FrameworkFamily[] = [
  {
    code: LEVEL_FAMILY,
    color: '#9C755F',
    name: { nl: 'Leerniveau', en: 'Learning level' },
    description: {
      nl: 'Op welk niveau wordt er geleerd: individueel of collectief? Reflectie op zowel individueel als collectief niveau is essentieel.',
      en: 'At which level does the learning happen: individual or collective? Reflection at the individual as well as the collective level is essential.',
    },
    source: 'Reflectie op zowel individueel als collectief niveau is daarbij essentieel.',
    codes: [
      {
        code: `${LEVEL_FAMILY}/individueel`,
        name: { nl: 'Individueel', en: 'Individual' },
        description: {
          nl: 'Het individuele leren: iedere deelnemer doet ook eigen inzichten op.',
          en: 'Individual learning: each participant also gains insights of their own.',
        },
        source: 'Daarnaast doet iedere deelnemer ook eigen inzichten op, het individuele leren.',
      },
      {
        code: `${LEVEL_FAMILY}/collectief`,
        name: { nl: 'Collectief', en: 'Collective' },
        description: {
          nl: 'Het collectieve leren: leren en reflecteren levert de groep gezamenlijke inzichten op.',
          en: 'Collective learning: learning and reflecting give the group shared insights.',
        },
        source: 'Leren en reflecteren levert de groep gezamenlijke inzichten op, het zogeheten collectieve leren.',
      },
    ],
  },
  {
    code: LOOP_FAMILY,
    color: '#FF9DA7',
    name: { nl: 'Leerlus', en: 'Learning loop' },
    description: {
      nl: 'Gaat het over de ‘hoe’, de ‘waarom’ of de ‘waartoe’ vraag? Drieslags leren komt alleen tot stand als het naast de ‘hoe’ en ‘waarom’ vraag ook gaat over de ‘waartoe’ vraag.',
      en: 'Is it about the ‘how’, the ‘why’ or the ‘what for’ question? Triple-loop learning only comes about when, besides the ‘how’ and ‘why’ question, it is also about the ‘what for’ question.',
    },
    source: 'drieslags leren, het zogeheten transformatief leren, [komt] alleen tot stand als het naast de ‘hoe’ en ‘waarom’ vraag ook gaat over de ‘waartoe’ vraag op individueel en organisatieniveau',
    codes: [
      {
        code: `${LOOP_FAMILY}/hoe`,
        name: { nl: 'Hoe', en: 'How' },
        description: {
          nl: 'De ‘hoe’ vraag: hoe doen we het?',
          en: 'The ‘how’ question: how do we do it?',
        },
        source: 'naast de ‘hoe’ en ‘waarom’ vraag ook […] de ‘waartoe’ vraag',
      },
      {
        code: `${LOOP_FAMILY}/waarom`,
        name: { nl: 'Waarom', en: 'Why' },
        description: {
          nl: 'De ‘waarom’ vraag: waarom doen we het zo?',
          en: 'The ‘why’ question: why do we do it this way?',
        },
        source: 'naast de ‘hoe’ en ‘waarom’ vraag ook […] de ‘waartoe’ vraag',
      },
      {
        code: `${LOOP_FAMILY}/waartoe`,
        name: { nl: 'Waartoe', en: 'What for' },
        description: {
          nl: 'De ‘waartoe’ vraag, op individueel en organisatieniveau: waartoe doen we het? Daarmee komt drieslags, transformatief leren tot stand.',
          en: 'The ‘what for’ question, at the individual and the organisational level: what do we do it for? It is what makes triple-loop, transformative learning.',
        },
        source: 'de ‘waartoe’ vraag op individueel en organisatieniveau',
      },
    ],
  },
];

/**
 * The interview guide's follow-up prompts per aspect, from the same sentences: asked after the
 * aspect's dialogue question (New Transcript and the guide snippets).
 */
export const FOLLOW_UPS: Readonly<Record<string, Record<Locale, string>>> = {
  intentie: { nl: 'Doe je vrijwillig mee, of ben je gestuurd door je organisatie?', en: 'Do you take part voluntarily, or were you sent by your organisation?' },
  activiteit: {
    nl: 'Wisselen jullie vooral praktijkervaringen uit, werken jullie aan een gezamenlijk handelingskader, of willen jullie de gedeelde praktijk veranderen?',
    en: 'Do you mainly exchange practice experiences, work on a shared frame of action, or want to change the shared practice?',
  },
  normativiteit: { nl: 'Is er een gedeelde basis, of liggen de opvattingen ver uiteen?', en: 'Is there a shared basis, or are the views far apart?' },
  context: {
    nl: 'Spelen machtsverschillen tussen opdrachtgevers en opdrachtnemers mee? Is er een goed samenwerkingsklimaat in de regio? Wat is de geschiedenis?',
    en: 'Do power differences between commissioners and contractors play a part? Is there a good climate of cooperation in the region? What is the history?',
  },
  actanten: {
    nl: 'Welke personen, welke dingen (beleidsstukken, protocollen, tradities, de vlaai bij de koffie) en welke gebeurtenissen (bezuinigingen, aanbestedingen) bepalen het leren?',
    en: 'Which persons, which things (policy documents, protocols, traditions, the vlaai with the coffee) and which events (budget cuts, tenders) shape the learning?',
  },
  outcome: {
    nl: 'Wat levert het jou op? En de groep? Je collega’s? De organisatie? Wat kwam er onbedoeld uit?',
    en: 'What does it yield for you? And for the group? Your colleagues? The organisation? What came out that nobody intended?',
  },
};

/** Asked at the end of the conversation: the level and the loop. */
export const CLOSING_PROMPTS: Readonly<Record<Locale, string>> = {
  nl: 'Wat heb je zelf geleerd, en wat heeft de groep samen geleerd? Ging het over hoe jullie iets doen, waarom, of ook waartoe?',
  en: 'What did you learn yourself, and what did the group learn together? Was it about how you do things, why, or also what for?',
};
