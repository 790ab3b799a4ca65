// The Statistics page's heatmaps read at a glance: each aspect row tinted in its colour, stronger
// for a larger number, the numbers always shown and legible on their tint in light and dark themes;
// column heads horizontal (wrapped, the full name in a tooltip); shares with one decimal in the
// page's locale; Show Share for the aspects × learning level table too.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_VIEW,
  NEUTRAL_TINT,
  chartMarkdown,
  cooccurrenceTable,
  familyTable,
  heatTableHtml,
  heatTableSvg,
  matrixTable,
  maxAlpha,
  statisticsHtml,
  statisticsWords,
  tintScale,
  wrapLabel,
} from '../../client/src/statistics/html';
import { computeStatistics } from '../../server/src/core/outputs/statistics';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { StatisticsResult } from '../../server/src/protocol';

const CODEBOOK = parseCodebook(
  [
    '# Intentie {#intentie color="#4E79A7"}',
    '# Context {#context color="#F28E2B"}',
    '# Leerniveau {#niveau color="#9C755F"}',
    '## Individueel {#niveau/individueel}',
    '## Collectief {#niveau/collectief}',
    '',
  ].join('\n\n'),
);

// breda: 3 fragments (intentie ×2, one of them collectief; context); tilburg: 1 (intentie, individueel; context).
const FILES = {
  'breda/een.md': '[Wij leren samen]{#intentie #niveau/collectief}.\n\n[Ik kwam]{#intentie}.\n\n[De gemeente]{#context}.\n',
  'tilburg/twee.md': '[Zij]{#intentie #context #niveau/individueel}.\n',
};

function statistics(locale: 'en' | 'nl' = 'en', cooccurrence: 'aspect' | 'code' = 'aspect'): StatisticsResult {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(FILES)) index.set(path, path, parseTranscript(text));
  const stats = computeStatistics(index, CODEBOOK, locale, { cooccurrence });
  return { ...stats, fragments: stats.fragments.map((f) => ({ ...f, uri: `file:///${f.path}` })) };
}

// WCAG 2 contrast, written out here apart from the page's own.
type Rgb = [number, number, number];
const hex = (c: string): Rgb => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as Rgb;
const channel = (v: number): number => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const lum = ([r, g, b]: Rgb): number => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const ratio = (a: Rgb, b: Rgb): number => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
const over = (tint: Rgb, alpha: number, background: Rgb): Rgb => tint.map((t, i) => alpha * t + (1 - alpha) * background[i]!) as Rgb;

/** Light Modern and Dark Modern: editor background and foreground. */
const LIGHT = { background: hex('#ffffff'), foreground: hex('#3b3b3b') };
const DARK = { background: hex('#1f1f1f'), foreground: hex('#cccccc') };
const TABLEAU = ['#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F', '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#BAB0AC'];
const EXTREMES = ['#000000', '#FFFFFF', '#808080', '#404040', '#000080', '#FFFF00', NEUTRAL_TINT];

describe('the heatmap tints', () => {
  test('aspects × practices: each row in its aspect’s colour, stronger for a larger number, every number shown', () => {
    const table = matrixTable(statistics(), 'count', statisticsWords('en'));
    assert.deepEqual(table.columns, ['breda', 'tilburg']);
    assert.deepEqual(
      table.rows.map((r) => [r.label, r.color, r.cells.map((c) => [c?.cell, c?.text, c?.tint])]),
      [
        [
          'Intentie',
          '#4E79A7',
          [
            ['m:0:0', '2', { color: '#4E79A7', light: 0.65, dark: 0.64 }],
            ['m:0:1', '1', { color: '#4E79A7', light: 0.38, dark: 0.37 }],
          ],
        ],
        [
          'Context',
          '#F28E2B',
          [
            ['m:1:0', '1', { color: '#F28E2B', light: 0.48, dark: 0.26 }],
            ['m:1:1', '1', { color: '#F28E2B', light: 0.48, dark: 0.26 }],
          ],
        ],
      ],
    );
    const page = String(heatTableHtml(table));
    assert.ok(
      page.includes(
        '<td><button type="button" class="heat" data-cell="m:0:0" aria-label="Intentie in breda: 2. Show the fragments.">' +
          '<svg class="tint" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">' +
          '<rect class="tint-light" x="0" y="0" width="1" height="1" fill="#4E79A7" fill-opacity="0.65"/>' +
          '<rect class="tint-dark" x="0" y="0" width="1" height="1" fill="#4E79A7" fill-opacity="0.64"/></svg><span>2</span></button></td>',
      ),
    );
    assert.ok(page.includes('<th scope="row" class="row" title="Context"><svg class="swatch" width="10" height="12" viewBox="0 0 10 12" aria-hidden="true" focusable="false"><rect width="10" height="12" rx="2" fill="#F28E2B"/></svg><span>Context</span></th>'));
  });

  test('a zero has no tint and still shows its number', () => {
    const data = statistics();
    const zero = { ...data, matrix: [[2, 0], [1, 1]] };
    const cell = matrixTable(zero, 'count', statisticsWords('en')).rows[0]!.cells[1]!;
    assert.deepEqual([cell.text, cell.tint], ['0', undefined]);
    assert.ok(String(heatTableHtml(matrixTable(zero, 'count', statisticsWords('en')))).includes('<button type="button" class="heat zero" data-cell="m:0:1" aria-label="Intentie in tilburg: 0. Show the fragments."><span>0</span></button>'));
  });

  test('every number keeps a contrast of 4.5:1 on its cell, in Light Modern and in Dark Modern', () => {
    for (const color of [...TABLEAU, ...EXTREMES]) {
      const scale = tintScale(color);
      for (let k = 0; k <= 50; k++) {
        const tint = scale(k / 50);
        if (k === 0) {
          assert.equal(tint, undefined);
          continue;
        }
        for (const [kind, theme] of [['light', LIGHT], ['dark', DARK]] as const) {
          const cell = over(hex(color), tint![kind], theme.background);
          const r = ratio(cell, theme.foreground);
          assert.ok(r >= 4.5, `${color} at ${k}/50 in ${kind}: ${r.toFixed(2)}`);
        }
      }
    }
  });

  test('the framework’s colours stay clearly visible at their strongest', () => {
    assert.deepEqual(
      TABLEAU.map((c) => [c, maxAlpha(c, 'light'), maxAlpha(c, 'dark')]),
      [
        ['#4E79A7', 0.65, 0.64],
        ['#F28E2B', 0.85, 0.42],
        ['#E15759', 0.7, 0.56],
        ['#76B7B2', 0.85, 0.4],
        ['#59A14F', 0.81, 0.49],
        ['#EDC948', 0.85, 0.32],
        ['#B07AA1', 0.77, 0.52],
        ['#FF9DA7', 0.85, 0.36],
        ['#9C755F', 0.69, 0.59],
        ['#BAB0AC', 0.85, 0.38],
      ],
    );
  });

  test('co-occurrence: one neutral tint, the diagonal marked, not a button', () => {
    const table = cooccurrenceTable(statistics(), statisticsWords('en'));
    assert.deepEqual(
      table.rows.map((r) => r.cells.map((c) => (c === null ? null : [c.cell, c.text, c.tint?.color]))),
      [
        [null, ['c:0:1', '1', NEUTRAL_TINT], ['c:0:2', '2', NEUTRAL_TINT]],
        [['c:0:1', '1', NEUTRAL_TINT], null, ['c:1:2', '1', NEUTRAL_TINT]],
        [['c:0:2', '2', NEUTRAL_TINT], ['c:1:2', '1', NEUTRAL_TINT], null],
      ],
    );
    assert.ok(String(heatTableHtml(table)).includes('<td class="diagonal"><span aria-hidden="true">–</span></td>'));
  });
});

describe('the heatmaps’ numbers', () => {
  test('shares with one decimal: a decimal point in English, a decimal comma in Dutch', () => {
    const texts = (locale: 'en' | 'nl'): string[][] => matrixTable(statistics(locale), 'share', statisticsWords(locale)).rows.map((r) => r.cells.map((c) => c!.text));
    assert.deepEqual(texts('en'), [
      ['66.7 %', '100.0 %'],
      ['33.3 %', '100.0 %'],
    ]);
    assert.deepEqual(texts('nl'), [
      ['66,7 %', '100,0 %'],
      ['33,3 %', '100,0 %'],
    ]);
    assert.equal(
      chartMarkdown(statistics('nl'), 'matrix', 'share', statisticsWords('nl')),
      '|  | breda | tilburg |\n| --- | ---: | ---: |\n| Intentie | 66,7 % | 100,0 % |\n| Context | 33,3 % | 100,0 % |\n',
    );
    const page = statisticsHtml(statistics('nl'), { ...DEFAULT_VIEW, measure: 'share' }, { nonce: 'bm9uY2U=', cspSource: 'x', locale: 'nl', scriptUri: 'x/s.js' });
    assert.ok(page.includes('aria-label="Intentie in breda: 66,7 %. Toon de fragmenten."'));
    assert.ok(page.includes('<span>66,7 %</span>'));
  });

  test('Show Share applies to aspects × learning level: of the practice’s fragments, and of all fragments in the total', () => {
    const data = statistics('nl');
    assert.deepEqual(data.practiceTotals, [3, 1]);
    assert.equal(data.total, 4);
    const share = familyTable(data, 0, 'share', statisticsWords('nl'));
    assert.equal(share.id, 'level');
    assert.deepEqual(share.groups, [
      { label: 'breda', span: 2 },
      { label: 'tilburg', span: 2 },
      { label: 'Totaal', span: 2 },
    ]);
    assert.deepEqual(share.columns, ['Individueel', 'Collectief', 'Individueel', 'Collectief', 'Individueel', 'Collectief']);
    assert.deepEqual(
      share.rows.map((r) => [r.label, ...r.cells.map((c) => c!.text)]),
      [
        ['Intentie', '0,0 %', '33,3 %', '100,0 %', '0,0 %', '25,0 %', '25,0 %'],
        ['Context', '0,0 %', '0,0 %', '100,0 %', '0,0 %', '25,0 %', '0,0 %'],
      ],
    );
    assert.equal(share.rows[0]!.cells[1]!.aria, 'Intentie, Collectief, breda: 33,3 %. Toon de fragmenten.');
    const count = familyTable(data, 0, 'count', statisticsWords('nl'));
    assert.deepEqual(count.rows.map((r) => r.cells.map((c) => c!.text)), [
      ['0', '1', '1', '0', '1', '1'],
      ['0', '0', '1', '0', '1', '0'],
    ]);
    assert.equal(
      chartMarkdown(data, 'level', 'share', statisticsWords('nl')).split('\n')[2],
      '| Intentie | 0,0 % | 33,3 % | 100,0 % | 0,0 % | 25,0 % | 25,0 % |',
    );
    const page = statisticsHtml(data, { ...DEFAULT_VIEW, measure: 'share' }, { nonce: 'bm9uY2U=', cspSource: 'x', locale: 'nl', scriptUri: 'x/s.js' });
    assert.ok(page.includes('data-cell="v:0:0:1:0" aria-label="Intentie, Collectief, breda: 33,3 %. Toon de fragmenten."'));
  });
});

describe('the heatmaps’ heads', () => {
  test('column heads are horizontal: the page wraps them, the full name in a tooltip; nothing is rotated', () => {
    const long = { ...statistics(), practices: [{ practice: 'a', label: 'Leergemeenschap Breda' }, { practice: 'b', label: 'leergemeenschap-den-bosch' }] };
    const page = statisticsHtml(long, DEFAULT_VIEW, { nonce: 'bm9uY2U=', cspSource: 'x', locale: 'en', scriptUri: 'x/s.js' });
    assert.ok(page.includes('<th scope="col" class="column" title="Leergemeenschap Breda"><span class="head">Leergemeenschap Breda</span></th>'));
    assert.ok(!/rotate\(|writing-mode/.test(page), 'no rotated text');
    assert.ok(page.includes('.heatmap thead { position: sticky; top: 0; z-index: 2; }'));
  });

  test('the SVG of Save as SVG and PNG: heads in lines of tspans, broken after spaces and hyphens', () => {
    assert.deepEqual(wrapLabel('Leergemeenschap Breda', 16, 3), ['Leergemeenschap', 'Breda']);
    assert.deepEqual(wrapLabel('leergemeenschap-den-bosch', 16, 3), ['leergemeenschap-', 'den-bosch']);
    assert.deepEqual(wrapLabel('Netwerk gemeente Tilburg', 16, 3), ['Netwerk gemeente', 'Tilburg']);
    assert.deepEqual(wrapLabel('Wijkteamondersteuningsprogramma', 16, 3), ['Wijkteamonderste', 'uningsprogramma']);
    assert.deepEqual(wrapLabel('een heel lange naam van een praktijk in het zuiden', 16, 3), ['een heel lange', 'naam van een', 'praktijk in het…']);
    const long = { ...statistics(), practices: [{ practice: 'a', label: 'Leergemeenschap Breda' }, { practice: 'b', label: 'tilburg' }] };
    const svg = String(heatTableSvg(matrixTable(long, 'count', statisticsWords('en'))));
    assert.ok(svg.startsWith('<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" width="452" height="100"'), svg.slice(0, 120));
    assert.ok(svg.includes('<text class="label" text-anchor="middle"><title>Leergemeenschap Breda</title><tspan x="275" y="17">Leergemeenschap</tspan><tspan x="275" y="32">Breda</tspan></text>'));
    assert.ok(!svg.includes('rotate('));
  });

  test('every heatmap has its SVG twin, hidden, for the exports', () => {
    const page = statisticsHtml(statistics(), DEFAULT_VIEW, { nonce: 'bm9uY2U=', cspSource: 'x', locale: 'en', scriptUri: 'x/s.js' });
    const sections = [...page.matchAll(/<section id="([a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(sections, ['matrix', 'frequencies', 'cooccurrence', 'level', 'list']);
    for (const id of ['matrix', 'cooccurrence', 'level']) {
      const section = page.slice(page.indexOf(`<section id="${id}"`), page.indexOf('</section>', page.indexOf(`<section id="${id}"`)));
      assert.equal(section.match(/<table class="heatmap"/g)?.length, 1, id);
      assert.equal(section.match(/<div class="export" hidden><svg class="chart-svg"/g)?.length, 1, id);
    }
  });
});
