// Issue 20: the article's distinctions as sub-codes, the learning level and loop as a second code
// family, the codebook templates made from them, the interview guide's follow-up prompts, and the
// aspects against the learning level in the statistics, the Statistics page and the report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_VIEW, chartMarkdown, statisticsHtml, statisticsWords } from '../../client/src/statistics/html';
import { isStatisticsMessage } from '../../client/src/webview/scripts/statistics/messages';
import { FRAMEWORK, frameworkCodebookMarkdown, frameworkEntries, type FrameworkOptions } from '../../server/src/core/framework';
import { CLOSING_PROMPTS, DISTINCTIONS, FOLLOW_UPS, LEARNING } from '../../server/src/core/frameworkDistinctions';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { transcriptTemplate } from '../../server/src/core/interviewGuide';
import { computeStatistics } from '../../server/src/core/outputs/statistics';
import { htmlReport, markdownReport } from '../../server/src/core/outputs/report';
import { checkCodes, codeLookup } from '../../server/src/core/parse/check';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { StatisticsResult } from '../../server/src/protocol';
import { md } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const LOCALES = ['nl', 'en'] as const;
const VARIANTS: FrameworkOptions[] = [
  { distinctions: false, learning: false },
  { distinctions: true, learning: false },
  { distinctions: false, learning: true },
  { distinctions: true, learning: true },
];

describe('the codebook templates', () => {
  test('parse without a diagnostic, in both languages, with and without the distinctions and the learning family', () => {
    for (const locale of LOCALES) {
      for (const variant of VARIANTS) {
        const book = parseCodebook(frameworkCodebookMarkdown(locale, variant));
        const label = `${locale} ${JSON.stringify(variant)}`;
        assert.deepEqual(book.diagnostics, [], label);
        assert.deepEqual(
          book.codes.map((c) => [c.code, c.name, c.shortDescription]),
          frameworkEntries(locale, variant).map((e) => [e.code, e.name, e.description]),
          label,
        );
        // A transcript that uses every code of the template is clean against it.
        const text = `[x]{${book.codes.map((c) => `#${c.code}`).join(' ')}}\n`;
        assert.deepEqual(checkCodes(parseTranscript(text), codeLookup(book)), [], label);
      }
    }
  });

  test('hold what they were asked for: the bare framework, the distinctions, the learning family', () => {
    const codes = (variant: FrameworkOptions): string[] => frameworkEntries('nl', variant).map((e) => e.code);
    assert.deepEqual(
      codes({ distinctions: false }),
      FRAMEWORK.map((f) => f.code),
    );
    assert.equal(codes({}).length, FRAMEWORK.length + DISTINCTIONS.length);
    assert.deepEqual(codes({ distinctions: false, learning: true }).slice(FRAMEWORK.length), [
      'niveau',
      'niveau/individueel',
      'niveau/collectief',
      'lus',
      'lus/hoe',
      'lus/waarom',
      'lus/waartoe',
    ]);
    // The default is what the built-in codebook holds.
    assert.deepEqual(
      builtInCodebook('en').codes.map((c) => [c.code, c.name, c.color, c.description, c.shortDescription]),
      parseCodebook(frameworkCodebookMarkdown('en')).codes.map((c) => [c.code, c.name, c.color, c.description, c.shortDescription]),
    );
  });

  test('each distinction follows its aspect, with the article’s words as the second paragraph', () => {
    const text = frameworkCodebookMarkdown('nl');
    assert.ok(
      text.includes(
        '# Intentie {#intentie color="#4E79A7"}\n\nWat is de bedoeling van de lerende praktijk? (volgens verschillende betrokkenen)\n\n## Vrijwillig {#intentie/vrijwillig}\n\nDe deelnemer doet vrijwillig mee aan de lerende praktijk.\n\nUit het artikel: “het kan uitmaken […] of iemand vrijwillig meedoet of door zijn organisatie is gestuurd”\n',
      ),
    );
    const en = builtInCodebook('en').codes.find((c) => c.code === 'actanten/ding')!;
    assert.match(en.shortDescription, /vlaai with the coffee/);
    assert.match(en.description, /\n\nFrom the article \(in Dutch\): “dingen \(zoals beleidsstukken/);
  });
});

describe('the sub-codes', () => {
  const all = [...DISTINCTIONS, ...LEARNING, ...LEARNING.flatMap((f) => f.codes)];

  test('every one has a name and a description in Dutch and in English, and the article’s words', () => {
    for (const code of all) {
      for (const locale of LOCALES) {
        assert.ok(code.name[locale].trim().length > 0, `${code.code} name ${locale}`);
        assert.ok(code.description[locale].trim().length > 10, `${code.code} description ${locale}`);
      }
      assert.notEqual(code.description.nl, code.description.en, code.code);
      assert.ok(code.source.length > 10, `${code.code} source`);
    }
    assert.equal(new Set(all.map((c) => c.code)).size, all.length);
  });

  test('cover every aspect that the article distinguishes, each a sub-code of a framework aspect', () => {
    const aspects = new Set(FRAMEWORK.map((f) => f.code));
    for (const d of DISTINCTIONS) assert.ok(aspects.has(d.code.split('/')[0]!), d.code);
    assert.deepEqual(
      [...new Set(DISTINCTIONS.map((d) => d.code.split('/')[0]))],
      ['intentie', 'activiteit', 'normativiteit', 'context', 'actanten', 'outcome'],
    );
  });

  test('keep the paths the example project uses for the same distinctions', () => {
    const example = parseCodebook(readFileSync(path.join(ROOT, 'examples/codebook.md'), 'utf8'));
    const shared = [
      'intentie/gestuurd',
      'intentie/vrijwillig',
      'activiteit/uitwisselen',
      'activiteit/handelingskader',
      'activiteit/veranderen',
      'context/macht',
      'context/samenwerkingsklimaat',
      'actanten/gebeurtenis',
      'outcome/onbedoeld',
    ];
    for (const code of shared) {
      assert.ok(example.codes.some((c) => c.code === code), `examples: ${code}`);
      assert.ok(DISTINCTIONS.some((d) => d.code === code), `distinctions: ${code}`);
    }
  });

  test('are known to the built-in codebook, so a transcript without a codebook may use them', () => {
    const text = `[x]{${DISTINCTIONS.map((d) => `#${d.code}`).join(' ')}}\n`;
    for (const locale of LOCALES) assert.deepEqual(checkCodes(parseTranscript(text), codeLookup(builtInCodebook(locale))), []);
    // The learning family is opt-in: it is not an aspect of the framework.
    assert.deepEqual(
      checkCodes(parseTranscript('[x]{#niveau/collectief}\n'), codeLookup(builtInCodebook('nl'))).map((d) => d.rule),
      ['undefined-code'],
    );
  });
});

describe('the interview guide', () => {
  test('New Transcript: each question with the article’s follow-up prompt, and a closing question on level and loop', () => {
    for (const locale of LOCALES) {
      const text = transcriptTemplate(locale, 'Wijkteam Oost', 'femke', '2024-03-01');
      const book = builtInCodebook(locale);
      assert.deepEqual(checkCodes(parseTranscript(text), codeLookup(book)), []);
      for (const [aspect, prompt] of Object.entries(FOLLOW_UPS)) {
        const question = FRAMEWORK.find((f) => f.code === aspect)!.question[locale];
        const word = locale === 'nl' ? 'Doorvragen' : 'Follow up';
        assert.ok(text.includes(`**Interviewer:** ${question}\n\n<!-- ${word}: ${prompt[locale]} -->\n\n**S1:** \n`), `${locale} ${aspect}`);
      }
      assert.ok(text.includes(`**Interviewer:** ${CLOSING_PROMPTS[locale]}\n`));
    }
    const nl = transcriptTemplate('nl', undefined, 'femke', '2024-03-01');
    assert.ok(nl.includes('Wat levert het jou op? En de groep? Je collega’s? De organisatie? Wat kwam er onbedoeld uit?'));
  });

  test('the guide snippets carry the same prompts', () => {
    const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets/kader.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
    const guides = { nl: snippets['Kader: gespreksgids']!.body.join('\n'), en: snippets['Kader: interview guide']!.body.join('\n') };
    for (const locale of LOCALES) {
      for (const prompt of Object.values(FOLLOW_UPS)) assert.ok(guides[locale].includes(prompt[locale]), `${locale}: ${prompt[locale]}`);
      assert.ok(guides[locale].includes(CLOSING_PROMPTS[locale]));
    }
  });
});

// An invented project: two practices, the level coded on fragments, on sections and blocks
// around them, and on fragments inside them.
const FILES = {
  'breda/een.md': md(
    '---',
    'coder: anna',
    '---',
    '## Opbrengst {#outcome}',
    '',
    '**S1:** Ik leerde [plannen]{#niveau/individueel} en [wij maakten een kaart]{#outcome/groep #niveau/collectief}.',
    '',
    '## Samen {#niveau/collectief}',
    '',
    '**S2:** We kwamen [op eigen initiatief]{#intentie/vrijwillig}.',
    '',
    '**S1:** De [gemeente beslist]{#context/macht #niveau/individueel}.',
    '',
    '## Los',
    '',
    'Geen niveau hier. {#context}',
    '',
  ),
  'tilburg/twee.md': md(
    '---',
    'coder: bert',
    '---',
    '**S1:** Voor de organisatie [leverde het een nieuw protocol op]{#outcome/organisatie #actanten/ding}. {#niveau/collectief #lus/waartoe}',
    '',
    '**S2:** [Ik]{#niveau/individueel} vraag me af waarom. {#lus/waarom #normativiteit/uiteen}',
    '',
  ),
};

function project(): { index: WorkspaceIndex; codebook: ReturnType<typeof parseCodebook> } {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(FILES)) index.set(file, file, parseTranscript(text));
  return { index, codebook: parseCodebook(frameworkCodebookMarkdown('nl', { learning: true })) };
}

describe('aspects × learning level', () => {
  const { index, codebook } = project();
  const stats = computeStatistics(index, codebook, 'nl');

  test('statistics: per aspect, level and practice, the aspect fragments at that level', () => {
    assert.deepEqual(
      stats.families!.map((f) => [f.family.code, f.columns.map((c) => c.code)]),
      [
        ['niveau', ['niveau/individueel', 'niveau/collectief']],
        ['lus', ['lus/waarom', 'lus/waartoe']],
      ],
    );
    const level = stats.families![0]!;
    assert.deepEqual(
      level.aspects.map((a) => a.code),
      ['intentie', 'activiteit', 'normativiteit', 'context', 'space-en-place', 'actanten', 'outcome'],
    );
    // counts[aspect][level][practice]; practices breda, tilburg.
    assert.deepEqual(level.counts, [
      [[0, 0], [1, 0]], // intentie: "op eigen initiatief" inside the section coded collectief
      [[0, 0], [0, 0]],
      [[0, 1], [0, 0]], // normativiteit: the block with "Ik" (individueel) inside it
      [[1, 0], [1, 0]], // context: "gemeente beslist" individueel itself, collectief around it; "Geen niveau hier." at no level
      [[0, 0], [0, 0]],
      [[0, 0], [0, 1]], // actanten: inside the block coded collectief
      [[1, 0], [2, 1]], // outcome: the section with both levels inside, "een kaart", "een nieuw protocol"
    ]);
    assert.deepEqual(level.totals, [[0, 1], [0, 0], [1, 0], [1, 1], [0, 0], [0, 1], [1, 3]]);
    const texts = (id: string): string[] => stats.cells[id]!.map((i) => stats.fragments[i]!.text);
    assert.deepEqual(texts('v:0:6:1:0'), ['Opbrengst S1: Ik leerde plannen en wij maakten een kaart.', 'wij maakten een kaart']);
    assert.deepEqual(texts('v:0:6:1'), ['Opbrengst S1: Ik leerde plannen en wij maakten een kaart.', 'wij maakten een kaart', 'leverde het een nieuw protocol op']);
    assert.deepEqual(stats.families![1]!.totals, [[0, 0], [0, 0], [1, 0], [0, 0], [0, 0], [0, 1], [0, 1]]);
  });

  test('statistics: no family without its codes; the filters apply', () => {
    const index2 = new WorkspaceIndex();
    index2.set('a/x.md', 'a/x.md', parseTranscript('[x]{#intentie}\n'));
    assert.deepEqual(computeStatistics(index2, codebook, 'nl').families, []);
    const bert = computeStatistics(index, codebook, 'nl', { filter: { coder: 'bert' } });
    assert.deepEqual(bert.families![0]!.totals, [[0, 0], [0, 0], [1, 0], [0, 0], [0, 0], [0, 1], [0, 1]]);
  });

  const REPORT_TABLE = md(
    '## Aspecten × Leerniveau',
    '',
    'Fragmenten met een code van het aspect, per code van `#niveau` op het fragment zelf, op een passage eromheen of op een passage erin.',
    '',
    '| Aspect | breda: Individueel | breda: Collectief | tilburg: Individueel | tilburg: Collectief | Totaal: Individueel | Totaal: Collectief |',
    '|---|---:|---:|---:|---:|---:|---:|',
    '| Intentie | 0 | 1 | 0 | 0 | 0 | 1 |',
    '| Activiteit | 0 | 0 | 0 | 0 | 0 | 0 |',
    '| Normativiteit | 0 | 0 | 1 | 0 | 1 | 0 |',
    '| Context | 1 | 1 | 0 | 0 | 1 | 1 |',
    '| Space en place | 0 | 0 | 0 | 0 | 0 | 0 |',
    '| Actanten | 0 | 0 | 0 | 1 | 0 | 1 |',
    '| Outcome/waarde | 1 | 2 | 0 | 1 | 1 | 3 |',
    '',
  );

  test('report: a section per family in use, after the cover', () => {
    const report = markdownReport({ index, codebook, locale: 'nl' });
    assert.ok(report.includes(REPORT_TABLE), report);
    assert.ok(report.includes('## Aspecten × Leerlus\n'));
    assert.ok(report.indexOf('## Aspecten × Leerniveau') < report.indexOf('## Intentie'));
    const html = htmlReport({ index, codebook, locale: 'en' });
    assert.match(html, /<h2>Aspects × Leerniveau<\/h2>/);
    assert.match(html, /<th align="right">breda: Collectief<\/th>/);
    assert.match(html, /<td>Outcome\/waarde<\/td>\s*<td align="right">1<\/td>\s*<td align="right">2<\/td>\s*<td align="right">0<\/td>\s*<td align="right">1<\/td>\s*<td align="right">1<\/td>\s*<td align="right">3<\/td>/);
    // Without level codes, no such section.
    const plain = new WorkspaceIndex();
    plain.set('a/x.md', 'a/x.md', parseTranscript('[x]{#intentie}\n'));
    assert.ok(!markdownReport({ index: plain, codebook, locale: 'nl' }).includes('Aspecten ×'));
  });

  test('the Statistics page: a section per family with the page’s exports, the same table to copy', () => {
    const data: StatisticsResult = { ...stats, fragments: stats.fragments.map((f) => ({ ...f, uri: `file:///${f.path}` })) };
    const page = statisticsHtml(data, DEFAULT_VIEW, { nonce: 'bm9uY2U=', cspSource: 'vscode-webview://x', locale: 'nl', scriptUri: 'vscode-webview://x/s.js' });
    for (const chart of ['level', 'loop']) {
      assert.ok(page.includes(`<section id="${chart}" aria-labelledby="${chart}-title">`), chart);
      for (const action of ['svg', 'png', 'copy']) assert.ok(page.includes(`data-action="${action}" data-chart="${chart}"`), `${chart} ${action}`);
    }
    assert.ok(page.includes('<h2 id="level-title">Aspecten × Leerniveau</h2>'));
    assert.ok(page.includes('data-cell="v:0:6:1:0" aria-label="Outcome/waarde, Collectief, breda: 2. Toon de fragmenten."'));
    assert.ok(page.includes('data-cell="v:0:6:1" aria-label="Outcome/waarde, Collectief, Totaal: 3. Toon de fragmenten."'));
    const copied = chartMarkdown(data, 'level', 'count', statisticsWords('nl'));
    assert.equal(copied.split('\n')[0], '|  | breda: Individueel | breda: Collectief | tilburg: Individueel | tilburg: Collectief | Totaal: Individueel | Totaal: Collectief |');
    assert.equal(copied.split('\n').find((l) => l.startsWith('| Outcome/waarde')), '| Outcome/waarde | 1 | 2 | 0 | 1 | 1 | 3 |');
    assert.equal(chartMarkdown({ ...data, families: [] }, 'level', 'count', statisticsWords('nl')), '');
  });

  test('the page may ask for a family cell and save or copy a family chart', () => {
    assert.ok(isStatisticsMessage({ type: 'cell', id: 'v:0:6:1:0' }));
    assert.ok(isStatisticsMessage({ type: 'cell', id: 'v:1:2:0' }));
    assert.ok(!isStatisticsMessage({ type: 'cell', id: 'v:0:6' }));
    assert.ok(!isStatisticsMessage({ type: 'cell', id: 'v:123:1:1' }));
    assert.ok(isStatisticsMessage({ type: 'copyMarkdown', chart: 'level' }));
    assert.ok(isStatisticsMessage({ type: 'saveSvg', chart: 'loop', svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }));
    assert.ok(!isStatisticsMessage({ type: 'copyMarkdown', chart: 'niveau' }));
  });
});
