// Takes the README pictures (media/screenshots/*.png): opens a temporary copy of examples/ in
// code-server (installed by scripts/install-vscode-host.sh) with its workbench in headless
// Chromium (test/extension/host.mjs, as the test launcher), loads the extension under development
// and drives the UI with keyboard and mouse. Expects `npm run build` to have produced dist/.
//
// Usage: node scripts/screenshots.mjs [--theme light|dark|hc|hc-light] [--lang en|nl] [--web] [--out DIR]
//   --theme  the colour theme: Light Modern (default), Dark Modern, Dark High Contrast or Light
//            High Contrast (--dark is short for --theme dark)
//   --lang   Kader's language (the kader.language setting; default en)
//   --web    run Kader in the browser's web worker extension host, as on vscode.dev and github.dev
//            (its language server in a Web Worker; needs dist/browser/)
//   --out    folder for the pictures (default: media/screenshots)
//   --autocode only the picture of Auto-code…'s preview (not in the README): autocode-preview.png
//   --matrix only the picture of the Statistics page's matrix (not in the README): codes × jaar
//            as percentages of the column, matrix.png
//   --queries only the pictures of queries instead (not in the README): the query box checking a
//            query, the views filtered by one, the quote reader with its query box
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerHost, QUIET_SETTINGS, root } from '../test/extension/host.mjs';
import { scriptOptions, sleep, Workbench } from './workbench.mjs';

const client = path.join(root, 'dist/client.js');

const args = process.argv.slice(2);
const { option, theme, lang } = scriptOptions(args);
const web = args.includes('--web');
const queries = args.includes('--queries');
const autocode = args.includes('--autocode');
const matrix = args.includes('--matrix');
const outDir = path.resolve(option('--out', path.join(root, 'media/screenshots')));
const viewport = { width: 1440, height: 900 };
const transcript = 'leergemeenschap-breda/2021-03-04-jongeren-in-de-wijk.md';

const host = new CodeServerHost('kader-shots-');
const workspace = path.join(host.tmp, 'examples');
let page;
let wb;

const until = (check, ms, message) => host.until(check, ms, message);

async function main() {
  const entry = web ? path.join(root, 'dist/browser/server.js') : client;
  if (!fs.existsSync(entry)) throw new Error(`${path.relative(root, entry)} is missing: run npm run build`);
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  page = await host.start({
    workspace,
    settings: {
      ...QUIET_SETTINGS,
      'workbench.colorTheme': theme.setting,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.commandCenter.enabled': false,
      'extensions.ignoreRecommendations': true,
      'editor.minimap.enabled': false,
      'editor.wordWrap': 'on',
      'editor.fontSize': 14,
      'editor.hover.delay': 300,
      'editor.smoothScrolling': false,
      'breadcrumbs.enabled': false,
      'editor.stickyScroll.enabled': false,
      'markdown.preview.openMarkdownLinks': 'inEditor',
      'git.enabled': false,
      'kader.language': lang,
      ...(web ? { 'remote.extensionKind': { 'kader.kader': ['web'] } } : {}),
    },
    serverArgs: ['--disable-getting-started-override'],
    browser: { viewport, deviceScaleFactor: 1, colorScheme: theme.scheme },
  });

  wb = new Workbench(page, host, theme);

  // The Kader activity-bar icon appears once the workbench has read the extension's manifest.
  const kaderIcon = page.locator('.activitybar .action-item a[aria-label^="Kader"]').first();
  await kaderIcon.waitFor({ timeout: 90_000 });
  await sleep(1500);
  await applyTheme();
  await closeAllEditors();

  // Open the transcript first: activation (onLanguage:markdown) starts the language server.
  await openFile(transcript);
  await showKader();
  const aspects = pane('Aspects');
  await until(async () => (await aspects.locator('.monaco-list-row').count()) > 0, 60_000, 'the Aspects view shows no nodes');
  await sleep(2000);
  await clearNotifications();
  fs.mkdirSync(outDir, { recursive: true });
  if (queries) return queryShots(aspects);
  if (autocode) return autocodeShots();
  if (matrix) return matrixShot();

  // 1. views.png: Aspects expanded (aspect → sub-code → practice) next to the decorated transcript.
  await collapsePane('Practices');
  await expandRow(aspects, /^Intentie/);
  await expandRow(aspects, /^Vrijwillig/);
  await expandFirstChild(aspects, /^Vrijwillig/);
  await expandRow(aspects, /^Activiteit/);
  await sleep(800);
  await focusEditor();
  // Go to the end, then to a line below the first screen: the editor centres it, which puts
  // the "Intentie" section at the top.
  await page.keyboard.press('Control+End');
  await gotoLine(lineOf('## Intentie') + 22);
  await sleep(1500);
  await clearNotifications();
  await shot('views.png');

  // 2. code-selection.png: words selected, "Code Selection…" quick pick open.
  const uncoded = lineOf('Kun je eens opnoemen'); // an uncoded line
  await gotoLine(uncoded);
  await selectWordsOnLine(uncoded, 'de afgelopen periode gedaan');
  await page.keyboard.press('Control+Alt+K');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(1000);
  await shot('code-selection.png');
  await page.keyboard.press('Escape');
  await sleep(500);

  // 3. hover-diagnostics.png: hover over a code in an attribute block.
  await gotoLine(lineOf('{#activiteit/excursie}'));
  await sleep(800);
  await hoverText('activiteit/excursie');
  await shot('hover-diagnostics.png');
  await page.mouse.move(5, viewport.height - 5);
  await page.keyboard.press('Escape');

  // 4. practices.png: the Practices view expanded.
  await expandPane('Practices');
  await collapsePane('Aspects');
  const practices = pane('Practices');
  await until(async () => (await practices.locator('.monaco-list-row').count()) > 0, 20_000, 'the Practices view shows no nodes');
  await expandRow(practices, /Breda/);
  await sleep(500);
  const rows = practices.locator('.monaco-list-row[aria-level="2"]');
  if ((await rows.count()) > 0) await expandRowLocator(rows.first());
  await focusEditor();
  await sleep(800);
  await shot('practices.png');

  // 5. speakers.png: the Speakers view, once the copy's Tilburg network names its participants
  // across its two conversations: a person opened to the quotes of an aspect.
  namePersons(workspace);
  await collapsePane('Practices');
  await expandPane('Speakers');
  const speakers = pane('Speakers');
  await until(async () => (await speakers.locator('.monaco-list-row', { hasText: /^P01/ }).count()) > 0, 20_000, 'the Speakers view shows no P01');
  await expandRow(speakers, /^P01/);
  await expandFirstChild(speakers, /^P01/);
  await focusEditor();
  await sleep(800);
  await shot('speakers.png');
  await collapsePane('Speakers');
  await expandPane('Aspects');

  // 6. statistics.png: the Kader Statistics webview.
  await runCommand('Kader: Show Statistics');
  await page.locator('.tab', { hasText: /Statistics|statistieken/ }).first().waitFor({ timeout: 20_000 });
  await sleep(4000);
  await runCommand('View: Close Primary Side Bar');
  await sleep(2000);
  await clearNotifications();
  await shot('statistics.png');

  // 7. learning-level.png: the Statistics page's aspects × learning level section, once the level
  // is coded in the copy (the page follows the index).
  codeLearningLevel(workspace);
  const section = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('section#level');
  // The page is drawn again when the index follows the copy's changes: scroll once it holds still.
  for (let attempt = 0; ; attempt++) {
    try {
      await section.scrollIntoViewIfNeeded({ timeout: 20_000 });
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
      await sleep(1500);
    }
  }
  await sleep(1000);
  const box = await section.boundingBox();
  if (!box) throw new Error('the aspects × learning level section has no box');
  await shot('learning-level.png', { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: Math.min(box.width + 16, viewport.width - box.x), height: Math.min(box.height + 16, viewport.height - box.y) });
}

/** The Statistics page's matrix section with codes × jaar, as percentages of the column, chosen in its selects. */
async function matrixShot() {
  await runCommand('Kader: Show Statistics');
  await page.locator('.tab', { hasText: /Statistics|statistieken/ }).first().waitFor({ timeout: 20_000 });
  await runCommand('View: Close Primary Side Bar');
  const frame = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame().locator('#matrix-columns').waitFor({ timeout: 30_000 });
  await sleep(1500);
  // Each choice draws the page anew: the next select is looked up again.
  await frame().locator('#matrix-columns').selectOption('key:jaar');
  await sleep(2500);
  await frame().locator('#matrix-percent').selectOption('column');
  await sleep(2500);
  const section = frame().locator('section#crosstab');
  await section.scrollIntoViewIfNeeded({ timeout: 20_000 });
  await sleep(1000);
  await clearNotifications();
  const box = await section.boundingBox();
  if (!box) throw new Error('the matrix section has no box');
  await shot('matrix.png', { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: Math.min(box.width + 16, viewport.width - box.x), height: Math.min(box.height + 16, viewport.height - box.y) });
}

/** Auto-code…: words, the code, then the preview with one match left out. */
async function autocodeShots() {
  const box = page.locator('.quick-input-widget input');
  await runCommand('Kader: Auto-code…');
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(700);
  await page.keyboard.press('Enter'); // Words
  await sleep(700);
  await box.fill('de gemeente');
  await page.keyboard.press('Enter');
  await sleep(1000);
  await box.fill('#actanten/persoon');
  await sleep(1500);
  await page.keyboard.press('Enter');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('#matches input').first().waitFor({ timeout: 30_000 });
  await frame.locator('#matches input:not([disabled])').nth(1).click();
  await sleep(1000);
  await clearNotifications();
  await shot('autocode-preview.png');
}

/** query-error.png, query-box.png, query-views.png, quote-reader-query-error.png, quote-reader-query.png. */
async function queryShots(aspects) {
  const box = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.fill('>Kader: Query…');
  await sleep(700);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .quick-input-message').first().waitFor({ timeout: 10_000 });
  await box.fill('#context/macht AND (practice:"Leergemeenschap Breda" OR');
  await sleep(1500);
  await shot('query-error.png');
  await box.fill('#context/macht AND practice:"Leergemeenschap Breda"');
  await sleep(1500);
  await shot('query-box.png');
  await page.keyboard.press('Enter');
  await sleep(1500);
  await collapsePane('Practices');
  await expandRow(aspects, /^Context/);
  await expandRow(aspects, /^Macht/);
  await expandFirstChild(aspects, /^Macht/);
  await sleep(1000);
  await clearNotifications();
  await shot('query-views.png');

  await wb.rowLabelled(aspects, /^Context/).click();
  await runCommand('Kader: Read Quotes');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const input = frame.locator('#query');
  await input.waitFor({ timeout: 20_000 });
  await input.fill('"gemeente" AND');
  await sleep(1500);
  await input.press('Enter');
  await frame.locator('#query[aria-invalid="true"]').waitFor({ timeout: 20_000 });
  await sleep(1000);
  await shot('quote-reader-query-error.png');
  await frame.locator('#query').fill('"cijfers"');
  await frame.locator('#query').press('Enter');
  await frame.locator('p.summary', { hasText: /· 1 (quote|citaat)$/ }).waitFor({ timeout: 20_000 });
  await sleep(1500);
  await shot('quote-reader-query.png');
}

/**
 * The copy's codebook gets the learning level family (as Create Codebook writes it), and each
 * `#outcome/individueel` and `#outcome/collectief` of the example its level, so the Statistics
 * page has an aspects × learning level section. The examples themselves stay as they are.
 */
function codeLearningLevel(folder) {
  const codebook = path.join(folder, 'codebook.md');
  fs.appendFileSync(
    codebook,
    '\n# Leerniveau {#niveau color="#9C755F"}\n\nOp welk niveau wordt er geleerd: individueel of collectief?\n\n## Individueel {#niveau/individueel}\n\nHet individuele leren.\n\n## Collectief {#niveau/collectief}\n\nHet collectieve leren.\n',
  );
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md') || entry.name === 'codebook.md' || entry.name === 'README.md') continue;
    const file = path.join(entry.parentPath, entry.name);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/#outcome\/(individueel|collectief)\b/g, '#outcome/$1 #niveau/$1'));
  }
}

/** The Tilburg network's two conversations of the copy say who is who: the same invented ids in both. */
function namePersons(folder) {
  for (const name of ['2021-02-09-werksessie-sociale-basis.md', '2021-05-20-terugblik.md']) {
    const file = path.join(folder, 'netwerk-gemeente-tilburg', name);
    const persons = 'persons: {Onderzoeker: onderzoeker-1, Deelnemer 1: P01, Deelnemer 2: P02, Deelnemer 3: P03, Deelnemer 4: P04, Deelnemer 5: P05}';
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^participants: .*$/m, (line) => `${line}\n${persons}`));
  }
}

// ---- UI helpers --------------------------------------------------------------------------------

/** The views' titles follow kader.language. */
const TITLES = { nl: { Aspects: 'Aspecten', Practices: 'Praktijken', Speakers: 'Sprekers' }, en: {} }[lang];
const titleText = (title) => new RegExp(`^${TITLES[title] ?? title}$`, 'i');

function paneHeader(title) {
  return page.locator('.pane-header', { has: page.locator('h3.title', { hasText: titleText(title) }) }).first();
}

function pane(title) {
  return page.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: titleText(title) }) }).first();
}

async function setPaneExpanded(title, expanded) {
  const header = paneHeader(title);
  await header.waitFor({ timeout: 10_000 });
  const isExpanded = await header.evaluate((el) => el.classList.contains('expanded'));
  if (isExpanded !== expanded) await header.locator('h3.title').click();
  await sleep(500);
}

const collapsePane = (title) => setPaneExpanded(title, false);
const expandPane = (title) => setPaneExpanded(title, true);

const expandRowLocator = (row) => wb.expandRowLocator(row);
const expandRow = (scope, label) => wb.expandRow(scope, label);
const expandFirstChild = (scope, label) => wb.expandFirstChild(scope, label);
const runCommand = (title) => wb.runCommand(title);
const showKader = () => wb.showKader();
const applyTheme = () => wb.applyTheme();
const openFile = (relative) => wb.openFile(relative);
const closeAllEditors = () => wb.closeAllEditors();
const clearNotifications = () => wb.clearNotifications();
const focusEditor = () => wb.focusEditor();
const gotoLine = (n) => wb.gotoLine(n);

/** Selects `words` on line `n` (which the cursor is on). */
function selectWordsOnLine(n, words) {
  return wb.selectWords(fs.readFileSync(path.join(workspace, transcript), 'utf8').split('\n')[n - 1], words);
}

function lineOf(text) {
  const lines = fs.readFileSync(path.join(workspace, transcript), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`"${text}" is not in ${transcript}`);
  return i + 1;
}

async function hoverText(text) {
  const span = page.locator('.editor-instance .view-line span span', { hasText: text.replace(/^#/, '') }).first();
  await span.waitFor({ timeout: 10_000 });
  const box = await span.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(1200);
}

async function shot(name, clip) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
  console.log(`${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

let failed = false;
try {
  await main();
} catch (err) {
  failed = true;
  console.error(`screenshots failed: ${err?.stack ?? err}`);
  if (page) {
    const file = path.join(root, '.vscode-test/screenshots-failure.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file }).then(() => console.error(`state at failure: ${path.relative(root, file)}`), () => {});
  }
  console.error(host.logTail(20).join('\n'));
}
await host.stop();
process.exit(failed ? 1 : 0);
