// The Statistics and agreement pages in a real browser (headless Chromium, when installed), with
// the page scripts as `npm run build` bundles them (dist/webview): the policy lets the nonce'd
// script run and nothing else; cells answer clicks and keys; the SVG and PNG exports produce what
// the panel accepts; fragment lists are built as text.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { agreementHtml } from '../../client/src/agreement/html';
import { DEFAULT_VIEW, statisticsHtml } from '../../client/src/statistics/html';
import { pageScriptPath, type PageOptions, type PageScript } from '../../client/src/webview/page';
import { isAgreementMessage } from '../../client/src/webview/scripts/agreement/messages';
import { isStatisticsMessage } from '../../client/src/webview/scripts/statistics/messages';
import { compareCodings } from '../../server/src/core/outputs/agreement';
import { computeStatistics } from '../../server/src/core/outputs/statistics';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { StatisticsResult } from '../../server/src/protocol';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : 'Chromium is not installed';

function statistics(): StatisticsResult {
  const index = new WorkspaceIndex();
  const files: Record<string, string> = {
    'breda/een.md': '---\ncoder: anna\n---\n[<img src=x onerror=alert(1)>]{#intentie #context}.\n\nAlinea. {#intentie}\n',
    'tilburg/twee.md': '---\ncoder: bert\n---\n[Zij]{#context}.\n',
  };
  for (const [path, text] of Object.entries(files)) index.set(path, path, parseTranscript(text));
  const codebook = parseCodebook('# Intentie {#intentie color="#4E79A7"}\n\n# Context {#context}\n');
  const stats = computeStatistics(index, codebook, 'en');
  return { ...stats, fragments: stats.fragments.map((f) => ({ ...f, uri: `file:///${f.path}` })) };
}

const ROOT = join(__dirname, '../..');
const ORIGIN = 'http://kader.test/';

/** The options of a page whose script is the built bundle, served from ORIGIN by `load`. */
function options(script: PageScript): PageOptions {
  return { nonce: 'dGVzdG5vbmNl', cspSource: 'vscode-webview://x', locale: 'en', scriptUri: new URL(pageScriptPath(script).join('/'), ORIGIN).href };
}

/**
 * Loads a page with a stub `acquireVsCodeApi` that records the messages it posts; the extension's
 * files (the script bundles) are served from ORIGIN. Returns the URLs the page asked for.
 */
async function load(page: Page, html: string): Promise<string[]> {
  const requested: string[] = [];
  // A string, not a function: the test's transpiler may wrap functions in helpers the page lacks.
  await page.addInitScript(
    'window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });',
  );
  await page.route(`${ORIGIN}**`, (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url === ORIGIN) return route.fulfill({ contentType: 'text/html', body: html });
    const file = join(ROOT, new URL(url).pathname);
    if (!existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
  });
  await page.goto(ORIGIN);
  return requested;
}

const posted = (page: Page): Promise<unknown[]> => page.evaluate('window.posted') as Promise<unknown[]>;

describe('the pages in Chromium', { skip }, () => {
  let browser: Browser;
  const errors: string[] = [];
  before(async () => {
    for (const script of ['statistics', 'agreement'] as const) {
      assert.ok(existsSync(join(ROOT, ...pageScriptPath(script))), `${pageScriptPath(script).join('/')} is missing: run npm run build`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
  });

  test('Statistics: cells by click and by key, filters, exports, the fragment list', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const data = statistics();
    const requested = await load(page, statisticsHtml(data, DEFAULT_VIEW, options('statistics')));
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    assert.deepEqual(requested, [ORIGIN, `${ORIGIN}dist/webview/statistics.js`], 'the page loads its bundle and nothing else');

    await page.click('[data-cell="m:0:0"]');
    await page.focus('[data-cell="f:1"]');
    await page.keyboard.press('Enter');
    await page.focus('[data-cell="c:0:1"]');
    await page.keyboard.press(' ');
    await page.selectOption('#filter-coder', 'anna');
    await page.click('button[data-action="svg"][data-chart="matrix"]');
    await page.click('button[data-action="png"][data-chart="frequencies"]');
    await page.waitForFunction("window.posted.some((m) => m.type === 'savePng')");
    await page.click('button[data-action="copy"][data-chart="cooccurrence"]');

    const messages = (await posted(page)) as { type: string }[];
    for (const m of messages) assert.ok(isStatisticsMessage(m), `the panel accepts ${JSON.stringify(m).slice(0, 100)}`);
    assert.deepEqual(
      messages.filter((m) => m.type === 'cell'),
      [
        { type: 'cell', id: 'm:0:0' },
        { type: 'cell', id: 'f:1' },
        { type: 'cell', id: 'c:0:1' },
      ],
    );
    assert.deepEqual(messages.find((m) => m.type === 'filter'), { type: 'filter', coder: 'anna', attribute: null, measure: 'count', cooccurrence: 'aspect' });
    const svg = messages.find((m) => m.type === 'saveSvg') as unknown as { svg: string };
    assert.match(svg.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(!svg.svg.includes('var(--'), 'theme colours are resolved in the saved SVG');
    assert.ok(!svg.svg.includes('<img'), 'transcript text stays text in the SVG');
    const png = messages.find((m) => m.type === 'savePng') as unknown as { dataUrl: string };
    assert.ok(png.dataUrl.length > 1000);

    // The panel answers a cell with its fragments; the page lists them as text.
    await page.evaluate("window.postMessage({ type: 'fragments', title: '2 fragments', items: [{ index: 0, label: '<img src=x onerror=alert(2)>', detail: 'breda/een.md:4' }] }, '*')");
    await page.waitForSelector('#list-items button');
    assert.equal(await page.textContent('#list-items button'), '<img src=x onerror=alert(2)>');
    assert.equal(await page.locator('#list-items img').count(), 0);
    await page.click('#list-items button');
    const last = ((await posted(page)) as unknown[]).at(-1);
    assert.deepEqual(last, { type: 'open', index: 0 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Statistics: a wide co-occurrence matrix scrolls in its own box with its heads in view; the page stays as wide as the panel', async () => {
    const page = await browser.newPage({ viewport: { width: 520, height: 600 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    const names = Array.from({ length: 24 }, (_, i) => `Samenwerkingsklimaat tussen de gemeente en de welzijnsorganisaties in de regio ${i + 1}`);
    const codes = names.map((name, i) => ({ code: `c${i}`, name, color: '#4E79A7' }));
    const wide: StatisticsResult = { ...statistics(), cooccurrence: { level: 'code', codes, counts: codes.map((_, i) => codes.map((__, j) => (i === j ? 0 : (i + j) % 5))) } };
    await load(page, statisticsHtml(wide, DEFAULT_VIEW, options('statistics')));
    const layout = (await page.evaluate(`(() => {
      const box = document.querySelector('#cooccurrence .table-scroll');
      const before = { head: box.querySelector('thead').getBoundingClientRect().top, row: box.querySelector('tbody th').getBoundingClientRect().left };
      box.scrollTop = 300;
      box.scrollLeft = 900;
      const top = box.getBoundingClientRect();
      const head = box.querySelector('thead th.column').getBoundingClientRect();
      const row = box.querySelector('tbody tr:nth-child(12) th').getBoundingClientRect();
      const rotated = [...document.querySelectorAll('th, text')].filter((e) => getComputedStyle(e).transform !== 'none' || e.hasAttribute('transform')).length;
      return {
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        scrolls: box.scrollWidth > box.clientWidth && box.scrollHeight > box.clientHeight,
        scrolled: box.scrollTop > 0 && box.scrollLeft > 0,
        headInView: Math.abs(head.top - top.top) < 2 && Math.abs(before.head - top.top) < 2,
        rowInView: Math.abs(row.left - top.left) < 2 && Math.abs(before.row - top.left) < 2,
        headLines: Math.round(box.querySelector('thead th.column .head').getBoundingClientRect().height / parseFloat(getComputedStyle(box.querySelector('thead th.column .head')).lineHeight)),
        title: box.querySelector('thead th.column').title,
        rotated,
      };
    })()`)) as Record<string, unknown>;
    assert.deepEqual(layout, { page: true, scrolls: true, scrolled: true, headInView: true, rowInView: true, headLines: 3, title: names[0], rotated: 0 });

    // Save as SVG draws the hidden twin, with the tint of the theme shown (light here: no theme class).
    await page.click('button[data-action="svg"][data-chart="cooccurrence"]');
    const saved = ((await posted(page)) as { type: string; svg?: string }[]).find((m) => m.type === 'saveSvg')!.svg!;
    assert.ok(saved.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(saved.includes('<tspan'), 'heads in lines');
    assert.ok(saved.includes('fill="#4E79A7"') === false, 'the co-occurrence tint is neutral');
    const tinted = codes.flatMap((_, i) => codes.filter((__, j) => i !== j && (i + j) % 5 !== 0)).length;
    assert.equal(saved.match(/fill-opacity="0\.\d+"/g)?.length, tinted, 'one tint per tinted cell (not one per theme)');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('only the script with the nonce runs', async () => {
    const page = await browser.newPage();
    const injected = [
      '<script>window.injected = 1;</script>',
      '<script nonce="d3Jvbmc=">window.injected = 2;</script>',
      `<script src="${ORIGIN}dist/webview/agreement.js"></script>`,
      '<img src="x" onerror="window.injected = 4">',
      '<svg><a><set attributeName="onmouseover" to="window.injected = 5"/></a></svg>',
    ].join('');
    const html = statisticsHtml(statistics(), DEFAULT_VIEW, options('statistics')).replace('</body>', `${injected}</body>`);
    const requested = await load(page, html);
    assert.deepEqual(await posted(page), [{ type: 'ready' }], 'the nonce\'d bundle ran, once');
    assert.equal(await page.evaluate('window.injected'), undefined);
    assert.ok(!requested.some((url) => url.endsWith('agreement.js')), 'a script without the nonce is not even fetched');
    await page.close();
  });

  test('the agreement report: open and accept buttons post valid messages', async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    const result = compareCodings({ text: 'Een [twee]{#x} drie <b>vier</b>.' }, { text: 'Een twee [drie]{#x} <b>vier</b>.' });
    const report = { ...result, uri: 'file:///a.md', version: 1, labelA: 'a.md', labelB: 'b.md' };
    const requested = await load(page, agreementHtml(report, { kept: new Set() }, options('agreement')));
    assert.deepEqual(requested, [ORIGIN, `${ORIGIN}dist/webview/agreement.js`]);
    await page.click('button[data-action="open"][data-id="1"]');
    await page.click('button[data-action="accept"][data-id="0"][data-side="b"]');
    await page.focus('button[data-action="accept"][data-id="1"][data-side="a"]');
    await page.keyboard.press('Enter');
    await page.fill('#threshold', '80');
    await page.dispatchEvent('#threshold', 'change');
    const messages = await posted(page);
    for (const m of messages) assert.ok(isAgreementMessage(m), JSON.stringify(m));
    assert.deepEqual(messages, [
      { type: 'ready' },
      { type: 'open', id: 1, side: 'a' },
      { type: 'accept', id: 0, side: 'b' },
      { type: 'accept', id: 1, side: 'a' },
      { type: 'threshold', value: 80 },
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
