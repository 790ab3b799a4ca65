// `kader --help` in English and Dutch. The Dutch help names the same commands and options as the
// English one (a test compares them), agree's and hooks' lines included.

import type { Locale } from '../core/types';
import { AGREE_USAGE } from './agree';
import { HOOKS_USAGE } from './hooks';

const EN = `Usage: kader <command> [folder] [options]

Commands:
  check [folder]    Report every problem in the transcripts and the codebook.
      --format text|json     Output format (default text).
      --max-warnings N       Exit 1 when there are more than N warnings.
      --privacy              Report personal data instead; exit 1 while a certain finding remains.
      --staged               With --privacy: check the staged version of each staged transcript.
      --history              With --privacy: list personal data in earlier commits, and how to remove it.
      --key FILE             With --privacy: also find every name of this key.
  report [folder]   Summarise the coding: aspects, practices, quotes.
      --format text|json|markdown|html|csv   Output format (default text). JSON and CSV also hold
                             the aspects against the learning level and loop, when the codebook has them.
      --group-by aspect|practice   Aspect, then practice (default), or practice, then aspect.
      --quotes               Text format: each quote under its code, with speaker, transcript and line.
      --separator ,|;        CSV field separator (default , in English, ; with --lang nl).
      --matrix documents     With --format csv: one row per transcript (file, practice, coder), one
                             column per code, the number of its fragments with that code.
      --matrix ROWS×COLS     A matrix, in every format (also ROWSxCOLS): rows and columns each one of
                             code (aspects and sub-codes), aspect, practice, coder, speaker, document
                             or a front matter key (jaar, rol, …); e.g. code×practice, code×jaar.
                             CSV in wide form: one row per row value, one column per column value.
      --measure fragments|documents|characters   What a cell counts (default fragments).
      --percent row|column   Each cell as a share of its row's or its column's total.
      --relation fragment|overlap|near/N   For code×code: codes on the same fragment (default), on
                             overlapping fragments, or within N turns.
  query FOLDER 'QUERY'   The fragments a coding query finds (docs/queries.md), e.g.
                    kader query . '#intentie AND practice:"Leergemeenschap Breda"'. Exit 2 with the
                    place of the mistake when the query is malformed.
      --format text|json|csv|markdown|html   Output format (default text): a line per quote; JSON
                             { "fragments": [...] } as in report; CSV a row per fragment; Markdown
                             and HTML the report of the fragments found.

  export [folder]   Export the project for other tools or readers.
      --format qdpx|qdc|csv|md|html   REFI-QDA project or codebook, CSV, report (default qdpx).
      --matrix documents     With --format csv: the transcripts × codes matrix (matrix.csv).
      --out FILE             Where to write (never replaced without --force).
      --pseudonymise --key FILE   Export with the transcripts pseudonymised (the files stay as they are).
  import FILE...    Make transcripts from Teams/Zoom .vtt or Word .docx files, or codebook.md from a .qdc;
                    a REFI-QDA project (.qdpx) gives a transcript per source and coder, codebook.md and import-report.txt.
      --out DIR              The folder to write into (default .).
      --practice NAME        The practice of the imported transcripts.
      --timestamps           Start each turn with its time.
  key [folder] --key FILE   Add every participant the key lacks, with the next free pseudonym
                    (a new key only outside every git repository).
      --dry-run              Show the names, write nothing.
  pseudonymise [folder] --key FILE   Replace the key's names and other personal data in every transcript.
      --dry-run              Show the changes, write nothing.
      --format list|diff     How the changes are shown (default list).
  reidentify FILE --key FILE --out DIR   Write a copy with the real names into DIR, outside every git repository.
      --force                Replace a copy that is there.
  autocode FOLDER 'QUERY' '#code'   Add the code to every fragment the coding query matches.
  autocode FOLDER --phrase TEXT '#code'   Code every occurrence of the words (whole words; case and
                    accents folded; never in code or markup). Or --speaker NAME: each paragraph of
                    the speaker's turns; --heading TEXT: each paragraph under the headings with
                    those words. Prints each changed line before (-) and after (+); writes each
                    transcript atomically.
      --dry-run              Show the changes, write nothing.
${HOOKS_USAGE}${AGREE_USAGE}
Common options:
  --lang en|nl      Language of messages, reports and this help (default from LANG).
  --coder NAME      Only fragments of transcripts coded by NAME (report, query, export); exit 2, naming
                    the coders there are, when no transcript is coded by NAME.
  --cache DIR       Keep parsed transcripts in DIR, so the next run only reads changed files.
  --max-size MB     Skip (and report) transcripts larger than MB megabytes (default 20).
  --help            Show this help.
`;

const NL = `Gebruik: kader <opdracht> [map] [opties]

Opdrachten:
  check [map]       Meld elk probleem in de transcripten en het codeboek.
      --format text|json     Uitvoerformaat (standaard text).
      --max-warnings N       Eindig met 1 bij meer dan N waarschuwingen.
      --privacy              Meld in plaats daarvan persoonsgegevens; eindig met 1 zolang er een zekere vondst is.
      --staged               Met --privacy: controleer de gestagede versie van elk gestaged transcript.
      --history              Met --privacy: noem persoonsgegevens in eerdere commits, en hoe je ze verwijdert.
      --key FILE             Met --privacy: vind ook elke naam uit deze sleutel.
  report [map]      Vat de codering samen: aspecten, praktijken, citaten.
      --format text|json|markdown|html|csv   Uitvoerformaat (standaard text). JSON en CSV bevatten ook
                             de aspecten tegen leerniveau en lus, als het codeboek die heeft.
      --group-by aspect|practice   Eerst aspect, dan praktijk (standaard), of eerst praktijk, dan aspect.
      --quotes               Formaat text: elk citaat onder zijn code, met spreker, transcript en regel.
      --separator ,|;        Scheidingsteken in CSV (standaard ; in het Nederlands, , in het Engels).
      --matrix documents     Met --format csv: één rij per transcript (bestand, praktijk, codeur), één
                             kolom per code, het aantal fragmenten met die code.
      --matrix ROWS×COLS     Een matrix, in elk formaat (ook ROWSxCOLS): rijen en kolommen elk een van
                             code (aspecten en subcodes), aspect, practice, coder, speaker, document
                             of een sleutel uit de front matter (jaar, rol, …); bijv. code×practice, code×jaar.
                             CSV in brede vorm: één rij per rijwaarde, één kolom per kolomwaarde.
      --measure fragments|documents|characters   Wat een cel telt (standaard fragments).
      --percent row|column   Elke cel als aandeel van het totaal van zijn rij of zijn kolom.
      --relation fragment|overlap|near/N   Bij code×code: codes op hetzelfde fragment (standaard), op
                             overlappende fragmenten, of binnen N beurten.
  query MAP 'ZOEKVRAAG'   De fragmenten die een zoekvraag vindt (docs/queries.nl.md), bijv.
                    kader query . '#intentie EN praktijk:"Leergemeenschap Breda"'. Eindigt met 2, met
                    de plek van de fout, als de zoekvraag niet klopt.
      --format text|json|csv|markdown|html   Uitvoerformaat (standaard text): een regel per citaat;
                             JSON { "fragments": [...] } zoals bij report; CSV een rij per fragment;
                             Markdown en HTML het rapport van de gevonden fragmenten.

  export [map]      Exporteer het project voor andere programma's of lezers.
      --format qdpx|qdc|csv|md|html   REFI-QDA-project of -codeboek, CSV, rapport (standaard qdpx).
      --matrix documents     Met --format csv: de matrix transcripten × codes (matrix.csv).
      --out FILE             Waar het heen gaat (nooit vervangen zonder --force).
      --pseudonymise --key FILE   Exporteer met gepseudonimiseerde transcripten (de bestanden blijven zoals ze zijn).
  import FILE...    Maak transcripten van .vtt-bestanden uit Teams/Zoom of .docx uit Word, of codebook.md van een .qdc;
                    een REFI-QDA-project (.qdpx) geeft een transcript per bron en codeur, codebook.md en import-report.txt.
      --out DIR              De map om in te schrijven (standaard .).
      --practice NAME        De praktijk van de geïmporteerde transcripten.
      --timestamps           Begin elke beurt met zijn tijd.
  key [map] --key FILE   Voeg elke deelnemer die de sleutel mist toe, met het volgende vrije pseudoniem
                    (een nieuwe sleutel alleen buiten elke git-repository).
      --dry-run              Toon de namen, schrijf niets.
  pseudonymise [map] --key FILE   Vervang de namen uit de sleutel en andere persoonsgegevens in elk transcript.
      --dry-run              Toon de wijzigingen, schrijf niets.
      --format list|diff     Hoe de wijzigingen worden getoond (standaard list).
  reidentify FILE --key FILE --out DIR   Schrijf een kopie met de echte namen in DIR, buiten elke git-repository.
      --force                Vervang een kopie die er al is.
  autocode MAP 'ZOEKVRAAG' '#code'   Voeg de code toe aan elk fragment dat de zoekvraag vindt.
  autocode MAP --phrase TEKST '#code'   Codeer elke plek van de woorden (hele woorden; hoofdletters
                    en accenten tellen niet; nooit in code of opmaak). Of --speaker NAAM: elke alinea
                    van de beurten van de spreker; --heading TEKST: elke alinea onder de koppen met
                    die woorden. Toont elke gewijzigde regel ervoor (-) en erna (+); schrijft elk
                    transcript in één keer.
      --dry-run              Toon de wijzigingen, schrijf niets.
  hooks install [map]   Voeg een git-pre-commit-hook toe die "kader check --privacy --staged" uitvoert.
      --key FILE             De sleutel waarmee de hook controleert (buiten de repository bewaard).
  agree A B         Vergelijk de codering van twee versies van een transcript.
  agree A --rev REV Vergelijk een transcript met zijn versie bij een git-revisie.
  agree MAP         Vergelijk elk paar transcripten met dezelfde tekst en een andere codeur.
      --format text|json|markdown   Uitvoerformaat (standaard text).
      --threshold N          Overlap van segmenten die nodig is voor overeenstemming, in % (standaard 90).
      --min-kappa K          Eindig met 1 als een kappa (per code, in totaal) onder K ligt (-1 tot 1).
      --min-alpha A          Eindig met 1 als een alfa (per code, in totaal) onder A ligt (-1 tot 1).

Algemene opties:
  --lang en|nl      Taal van meldingen, rapporten en deze hulp (standaard uit LANG).
  --coder NAME      Alleen fragmenten van transcripten gecodeerd door NAME (report, query, export); eindig
                    met 2, met de codeurs die er zijn, als geen transcript door NAME is gecodeerd.
  --cache DIR       Bewaar gelezen transcripten in DIR, zodat de volgende keer alleen gewijzigde bestanden worden gelezen.
  --max-size MB     Sla transcripten groter dan MB megabytes over (en meld ze) (standaard 20).
  --help            Toon deze hulp.
`;

/** The help of `kader`, in the CLI's language. */
export function usage(locale: Locale): string {
  return locale === 'nl' ? NL : EN;
}
