import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_VIEW, chartMarkdown, safeColor, statisticsHtml, statisticsWords } from '../../client/src/statistics/html';
import { contentSecurityPolicy } from '../../client/src/webview/page';
import { isStatisticsMessage } from '../../client/src/webview/scripts/statistics/messages';
import { escapeHtml } from '../../server/src/core/outputs/outputEscaping';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { computeStatistics, matrixMarkdown } from '../../server/src/core/outputs/statistics';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { StatisticsResult } from '../../server/src/protocol';

const CODEBOOK = parseCodebook(['# Intentie {#intentie color="#4E79A7"}', '', '## Gestuurd {#intentie/gestuurd}', '', '# Context {#context color="#F28E2B"}', ''].join('\n'));

function index(files: Record<string, string>): WorkspaceIndex {
  const out = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) out.set(path, path, parseTranscript(text));
  return out;
}

const FILES = {
  'breda/een.md': '---\ncoder: anna\njaar: 1\n---\n[Ik kwam [omdat het moest]{#intentie/gestuurd}]{#context}.\n\nAlinea. {#intentie #context}\n',
  'breda/twee.md': '---\ncoder: bert\njaar: 2\n---\n[Wij]{#intentie}.\n',
  'tilburg/drie.md': '---\ncoder: anna\njaar: [1, 2]\n---\n[Zij]{#context}.\n',
};

describe('computeStatistics', () => {
  const stats = computeStatistics(index(FILES), CODEBOOK, 'en');

  test('aspect × practice: fragments with a code of the aspect, per practice', () => {
    assert.deepEqual(stats.aspects.map((a) => [a.code, a.name, a.color]), [
      ['intentie', 'Intentie', '#4E79A7'],
      ['context', 'Context', '#F28E2B'],
    ]);
    assert.deepEqual(stats.practices, [{ practice: 'breda', label: 'breda' }, { practice: 'tilburg', label: 'tilburg' }]);
    // breda: fragments "Ik kwam …" (context), "omdat het moest" (intentie/gestuurd), "Alinea." (both), "Wij" (intentie).
    assert.deepEqual(stats.matrix, [
      [3, 0],
      [2, 1],
    ]);
    assert.deepEqual(stats.practiceTotals, [4, 1]);
    assert.equal(stats.total, 5);
    // The cell lists the fragments it counts.
    assert.deepEqual(stats.cells['m:0:0']!.map((i) => stats.fragments[i]!.text), ['omdat het moest', 'Alinea.', 'Wij']);
  });

  test('frequencies: per code, codebook order', () => {
    assert.deepEqual(stats.frequencies.map((f) => [f.code, f.count]), [
      ['intentie', 2],
      ['intentie/gestuurd', 1],
      ['context', 3],
    ]);
  });

  test('co-occurrence: on one fragment, or on nested fragments', () => {
    // intentie with context: "Alinea." (one fragment) and "omdat het moest" inside "Ik kwam …".
    assert.deepEqual(stats.cooccurrence.counts, [
      [0, 2],
      [2, 0],
    ]);
    assert.deepEqual(stats.cells['c:0:1']!.map((i) => stats.fragments[i]!.text), ['Ik kwam omdat het moest', 'omdat het moest', 'Alinea.']);
    const byCode = computeStatistics(index(FILES), CODEBOOK, 'en', { cooccurrence: 'code' });
    assert.deepEqual(byCode.cooccurrence.codes.map((c) => c.code), ['intentie', 'intentie/gestuurd', 'context']);
    assert.deepEqual(byCode.cooccurrence.counts, [
      [0, 0, 1],
      [0, 0, 1],
      [1, 1, 0],
    ]);
  });

  test('filters: coder and attribute (a list holds its values)', () => {
    const anna = computeStatistics(index(FILES), CODEBOOK, 'en', { filter: { coder: 'anna' } });
    assert.equal(anna.total, 4);
    const year2 = computeStatistics(index(FILES), CODEBOOK, 'en', { filter: { attribute: { key: 'jaar', value: '2' } } });
    assert.deepEqual(year2.fragments.map((f) => f.path), ['breda/twee.md', 'tilburg/drie.md']);
    assert.deepEqual(stats.coders, ['anna', 'bert']);
    assert.deepEqual(stats.attributes, [{ key: 'jaar', values: ['1', '2'] }]);
  });

  test('the matrix as a Markdown table, counts and shares', () => {
    assert.equal(matrixMarkdown(stats, 'count', 'en'), '| Aspect | breda | tilburg |\n| --- | ---: | ---: |\n| Intentie | 3 | 0 |\n| Context | 2 | 1 |\n');
    assert.equal(matrixMarkdown(stats, 'share', 'en').split('\n')[2], '| Intentie | 75.0 % | 0.0 % |');
  });

  test('the Markdown table: a practice or aspect name is text, never a link, image or cell break', () => {
    const hostile = { ...stats, practices: [{ label: '[klik](javascript:alert(7)) | ![i](https://e.nl/x.png)' }, { label: '<img src=x onerror=alert(1)>' }] };
    assert.equal(
      matrixMarkdown(hostile, 'count', 'en').split('\n')[0],
      String.raw`| Aspect | \[klik\]\(javascript:alert(7)) \| !\[i\]\(https://e.nl/x.png) | &lt;img src=x onerror=alert(1)&gt; |`,
    );
  });
});

// Every string that can come from a transcript or codebook, with what must never appear raw.
const HOSTILE = ['<script>alert(1)</script>', '"onmouseover="alert(1)', "' onfocus='x", 'javascript:alert(1)', 'command:workbench.action.terminal.new'];

function hostileResult(): StatisticsResult {
  const [script, attr, single, js, command] = HOSTILE as [string, string, string, string, string];
  return {
    aspects: [
      { code: 'a', name: script, color: '"><script>x</script>' },
      { code: 'b', name: attr },
    ],
    practices: [{ practice: js, label: js }, { label: command }],
    matrix: [
      [1, 0],
      [0, 1],
    ],
    practiceTotals: [1, 1],
    frequencies: [
      { code: 'a', name: single, count: 1, color: 'red;background:url(javascript:x)' },
      { code: 'b', name: `[x](${command})`, count: 1 },
    ],
    cooccurrence: { level: 'aspect', codes: [{ code: 'a', name: script }, { code: 'b', name: attr }], counts: [[0, 1], [1, 0]] },
    fragments: [
      { key: 'k', uri: 'file:///a.md', path: script, codes: ['a'], text: script, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    ],
    cells: { 'm:0:0': [0] },
    total: 2,
    coders: [script, attr],
    attributes: [{ key: attr, values: [script, js, command] }],
    folderName: `${script}${attr}`,
  };
}

describe('the Statistics page', () => {
  const nonce = 'bm9uY2Vub25jZW5vbmNl';
  const scriptUri = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/statistics.js';
  const html = statisticsHtml(hostileResult(), { ...DEFAULT_VIEW, coder: HOSTILE[0]! }, { nonce, cspSource: 'vscode-webview://abc', locale: 'en', scriptUri });

  test('no transcript string reaches the page unescaped', () => {
    assert.equal(html.match(/<script/g)!.length, 1, 'only the page script');
    assert.ok(!html.includes('alert(1)</script>'));
    assert.ok(!/"onmouseover=/.test(html), 'no attribute breaks out of its quotes');
    assert.ok(!/' onfocus='/.test(html));
    assert.ok(!/(href|src)=["']?(javascript|command):/i.test(html), 'no link to javascript: or command:');
    assert.ok(!/<a\s/i.test(html), 'no links at all');
    for (const s of HOSTILE) if (/[<>"']/.test(s)) assert.ok(!html.includes(s), `raw: ${s}`);
    assert.ok(html.includes(escapeHtml(HOSTILE[0]!)));
    // Colours that are not #RGB/#RRGGBB never reach an attribute.
    assert.ok(!html.includes('background:url'));
    assert.ok(!html.includes('"><script>x'));
  });

  test('the page loads its one script, the bundle, with the nonce', () => {
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="${scriptUri}"></script>`]);
  });

  test('a strict Content-Security-Policy, a nonce on every script and style', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, 'CSP meta present');
    assert.equal(csp[1], String(contentSecurityPolicy('vscode-webview://abc', nonce)));
    assert.equal(
      csp[1],
      `default-src 'none'; img-src vscode-webview://abc data:; style-src vscode-webview://abc 'nonce-${nonce}'; font-src vscode-webview://abc; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
    );
    assert.match(csp[1]!, /default-src 'none'/);
    assert.match(csp[1]!, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp[1]!));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'), 'the policy comes before any style or script');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)];
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.equal(s[1], ` nonce="${nonce}" src="${scriptUri}"`);
    for (const s of html.matchAll(/<style([^>]*)>/g)) assert.equal(s[1], ` nonce="${nonce}"`);
    // Attribute names of every tag but the script (checked above), once the (escaped, so quote-free) values are taken out.
    const names = [...html.matchAll(/<(?!script\b)[a-zA-Z][^>]*>/g)].flatMap((t) => [...t[0].replace(/"[^"]*"/g, '""').matchAll(/\s([^\s=>]+)=/g)].map((m) => m[1]!));
    assert.ok(names.length > 50);
    assert.deepEqual(names.filter((n) => /^on/i.test(n)), [], 'no inline event handlers');
    assert.deepEqual(names.filter((n) => /^(style|href|src|xlink:href|formaction|action)$/i.test(n)), [], 'no style attributes, no links');
  });

  test('cells are buttons with labels: heatmap cells <button>s, bars focusable SVG groups', () => {
    const cells = [...html.matchAll(/<button type="button" class="(heat[^"]*)" data-cell="([^"]+)" aria-label="([^"]+)">/g)].map((c) => [c[1], c[2]]);
    // 4 matrix cells, 2 co-occurrence cells (the diagonal left out).
    assert.deepEqual(cells, [
      ['heat', 'm:0:0'],
      ['heat zero', 'm:0:1'],
      ['heat zero', 'm:1:0'],
      ['heat', 'm:1:1'],
      ['heat', 'c:0:1'],
      ['heat', 'c:0:1'],
    ]);
    assert.ok(html.includes(`data-cell="m:0:0" aria-label="${escapeHtml(`${HOSTILE[0]} in ${HOSTILE[3]}: 1. Show the fragments.`)}"`));
    const bars = [...html.matchAll(/<g class="bar" role="button" tabindex="0" data-cell="([^"]+)" aria-label="[^"]+">/g)].map((c) => c[1]);
    assert.deepEqual(bars, ['f:0', 'f:1']);
  });

  test('Dutch words; shares with a decimal comma', () => {
    const nl = statisticsHtml(hostileResult(), { ...DEFAULT_VIEW, measure: 'share' }, { nonce, cspSource: 'x', locale: 'nl', scriptUri });
    assert.match(nl, /<html lang="nl">/);
    assert.match(nl, /Aspecten × praktijken/);
    assert.deepEqual([...nl.matchAll(/data-cell="m:\d:\d"[^>]*>(?:<svg[^]*?<\/svg>)?<span>([^<]+)<\/span>/g)].map((m) => m[1]), ['100,0 %', '0,0 %', '0,0 %', '100,0 %']);
  });

  test('Copy as Markdown Table escapes pipes, angle brackets and links', () => {
    const md = chartMarkdown(hostileResult(), 'frequencies', 'count', statisticsWords('en'));
    // A name that is a Markdown link stays text: it was a live `command:` link before.
    assert.equal(md.split('\n')[3], String.raw`| \[x\]\(command:workbench.action.terminal.new) (\#b) | 1 |`);
    const matrix = chartMarkdown(hostileResult(), 'matrix', 'count', statisticsWords('en'));
    assert.ok(!matrix.includes('<script>'));
  });

  test('safeColor takes #RGB and #RRGGBB only', () => {
    assert.equal(safeColor('#4E79A7'), '#4E79A7');
    assert.equal(safeColor('#abc'), '#abc');
    assert.equal(safeColor('red'), undefined);
    assert.equal(safeColor('#4E79A7" onload="x'), undefined);
  });
});

describe('messages from the Statistics page', () => {
  test('valid messages pass', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'filter', coder: null, attribute: null, measure: 'count', cooccurrence: 'aspect' },
      { type: 'filter', coder: 'anna', attribute: { key: 'jaar', value: '1' }, measure: 'share', cooccurrence: 'code' },
      { type: 'cell', id: 'm:0:12' },
      { type: 'cell', id: 'f:3' },
      { type: 'cell', id: 'c:1:2' },
      { type: 'open', index: 0 },
      { type: 'saveSvg', chart: 'matrix', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'savePng', chart: 'frequencies', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'copyMarkdown', chart: 'cooccurrence' },
    ]) {
      assert.equal(isStatisticsMessage(m), true, JSON.stringify(m));
    }
  });

  test('anything else is refused', () => {
    for (const m of [
      null,
      'ready',
      [],
      {},
      { type: 'eval', code: 'x' },
      { type: 'filter', coder: 1, attribute: null, measure: 'count', cooccurrence: 'aspect' },
      { type: 'filter', coder: null, attribute: { key: 'k' }, measure: 'count', cooccurrence: 'aspect' },
      { type: 'filter', coder: null, attribute: null, measure: 'all', cooccurrence: 'aspect' },
      { type: 'cell', id: '__proto__' },
      { type: 'cell', id: 'm:0:0; rm -rf' },
      { type: 'open', index: -1 },
      { type: 'open', index: 1.5 },
      { type: 'open', index: '0' },
      { type: 'saveSvg', chart: 'matrix', svg: '<script>x</script>' },
      { type: 'saveSvg', chart: '../../etc', svg: '<svg></svg>' },
      { type: 'saveSvg', chart: 'matrix', svg: `<svg>${'x'.repeat(5_000_001)}</svg>` },
      { type: 'savePng', chart: 'matrix', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'savePng', chart: 'matrix', dataUrl: 'javascript:alert(1)' },
      { type: 'copyMarkdown', chart: 'all' },
    ]) {
      assert.equal(isStatisticsMessage(m), false, JSON.stringify(m)?.slice(0, 80));
    }
  });
});
