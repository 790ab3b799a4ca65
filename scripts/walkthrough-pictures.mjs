// Takes the walkthrough's pictures (media/walkthrough/<step>[.nl].<light|dark>.png, named in
// package.nls.json and package.nls.nl.json): opens a temporary copy of examples/ in code-server
// (test/extension/host.mjs, as scripts/screenshots.mjs does), with Kader in English or Dutch (the
// kader.language setting; code-server's own menus stay English), and pictures one moment per step
// of Help → Get Started → Kader. Expects `npm run build` to have produced dist/.
//
// Usage: node scripts/walkthrough-pictures.mjs [--theme light|dark] [--lang en|nl] [--out DIR] [--steps LIST]
//   --out    folder for the pictures (default: media/walkthrough)
//   --steps  only these pictures, e.g. --steps framework,code (default: all six)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerHost, QUIET_SETTINGS, root } from '../test/extension/host.mjs';
import { scriptOptions, sleep, Workbench } from './workbench.mjs';

const args = process.argv.slice(2);
const { option, theme, themeName, lang } = scriptOptions(args);
if (themeName !== 'light' && themeName !== 'dark') throw new Error('--theme must be light or dark');
const outDir = path.resolve(option('--out', path.join(root, 'media/walkthrough')));
const viewport = { width: 1024, height: 640 };
// The part of the window a step is about (the side bar and the start of the editor, or the quick
// pick), at most 620 pixels wide, so the walkthrough shows it at nearly its own size.
const AREA = { x: 48, y: 36, width: 620, height: 420 };
const QUICK_PICK = { x: 200, y: 0, width: 624, height: 420 };
const transcript = 'leergemeenschap-breda/2021-03-04-jongeren-in-de-wijk.md';
const nl = lang === 'nl';
const only = option('--steps', '')
  .split(',')
  .filter((step) => step);

const host = new CodeServerHost('kader-walkthrough-');
const workspace = path.join(host.tmp, 'examples');
let page;
let wb;

const until = (check, ms, message) => host.until(check, ms, message);

async function main() {
  if (!fs.existsSync(path.join(root, 'dist/client.js'))) throw new Error('dist/client.js is missing: run npm run build');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  page = await host.start({
    workspace,
    settings: {
      ...QUIET_SETTINGS,
      'workbench.colorTheme': theme.setting,
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.statusBar.visible': true,
      'chat.commandCenter.enabled': false,
      'extensions.ignoreRecommendations': true,
      'editor.minimap.enabled': false,
      'editor.wordWrap': 'on',
      'editor.fontSize': 13,
      'editor.smoothScrolling': false,
      'breadcrumbs.enabled': false,
      'editor.stickyScroll.enabled': false,
      'git.enabled': false,
      'kader.language': lang,
    },
    serverArgs: ['--disable-getting-started-override'],
    browser: { viewport, deviceScaleFactor: 1, colorScheme: theme.scheme },
  });
  wb = new Workbench(page, host, theme);

  const kaderIcon = page.locator('.activitybar .action-item a[aria-label^="Kader"]').first();
  await kaderIcon.waitFor({ timeout: 90_000 });
  await sleep(1500);
  await applyTheme();
  await closeAllEditors();
  fs.mkdirSync(outDir, { recursive: true });

  // example: the Explorer with the project's folders, a transcript open in its codes' colours.
  await openFile(transcript);
  await runCommand('View: Show Explorer');
  await expandExplorerFolder('leergemeenschap-breda');
  await focusEditor();
  await gotoLine(lineOf(transcript, '## Intentie') + 12);
  await sleep(1500);
  await clearNotifications();
  await shot('example');

  // transcript: the top of a transcript, front matter and the first question.
  await runCommand('View: Close Primary Side Bar');
  await focusEditor();
  await page.keyboard.press('Control+Home');
  await sleep(1000);
  await shot('transcript');

  // code: words selected, Code Selection open.
  await showKader();
  const aspects = pane(nl ? 'Aspecten' : 'Aspects');
  await until(async () => (await aspects.locator('.monaco-list-row').count()) > 0, 60_000, 'the Aspects view shows no nodes');
  await focusEditor();
  const uncoded = lineOf(transcript, 'Kun je eens opnoemen');
  await gotoLine(uncoded);
  await selectWordsOnLine(uncoded, 'de afgelopen periode gedaan');
  await page.keyboard.press('Control+Alt+K');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(1200);
  await shot('code', QUICK_PICK);
  await page.keyboard.press('Escape');
  await sleep(500);

  // views: the Aspects view opened down to the quotes, beside the transcript.
  await collapseOtherPanes(nl ? 'Aspecten' : 'Aspects');
  await expandRow(aspects, /^Intentie/);
  await expandRow(aspects, /^(Vrijwillig|Voluntary)/);
  await expandFirstChild(aspects, /^(Vrijwillig|Voluntary)/);
  await focusEditor();
  await gotoLine(lineOf(transcript, '## Intentie') + 10);
  await sleep(1200);
  await clearNotifications();
  await shot('views');

  // framework: the seven aspects in the view, the codebook's first aspect with its question.
  await collapseRow(aspects, /^Intentie/);
  await openFile('codebook.md');
  await gotoLine(lineOf('codebook.md', '# Intentie') + 8);
  await sleep(1200);
  await clearNotifications();
  await shot('framework');

  // codebook: the codebook's codes under an aspect, in their colours.
  await runCommand('View: Close Primary Side Bar');
  await focusEditor();
  await gotoLine(lineOf('codebook.md', '# Activiteit') + 16);
  await sleep(1200);
  await shot('codebook');
}

// ---- UI helpers (as in scripts/screenshots.mjs) --------------------------------------------------

function pane(title) {
  return page.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`, 'i') }) }).first();
}

/** Collapses every pane of the Kader view but `title`, and expands that one. */
async function collapseOtherPanes(title) {
  const headers = page.locator('.sidebar .pane-header');
  for (let i = 0; i < (await headers.count()); i++) {
    const header = headers.nth(i);
    const name = (await header.locator('h3.title').textContent())?.trim() ?? '';
    const expanded = await header.evaluate((el) => el.classList.contains('expanded'));
    if (expanded !== (name.toLowerCase() === title.toLowerCase())) await header.locator('h3.title').click();
    await sleep(300);
  }
}

const expandRowLocator = (row) => wb.expandRowLocator(row);
const rowLabelled = (scope, label) => wb.rowLabelled(scope, label);
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
const selectWordsOnLine = (n, words) => wb.selectWords(fs.readFileSync(path.join(workspace, transcript), 'utf8').split('\n')[n - 1], words);

async function collapseRow(scope, label) {
  const row = rowLabelled(scope, label);
  await row.waitFor({ timeout: 10_000 });
  if ((await row.getAttribute('aria-expanded')) === 'true') {
    await row.locator('.monaco-tl-twistie').click();
    await sleep(600);
  }
}

async function expandExplorerFolder(name) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
  await expandRowLocator(row);
}

function lineOf(file, text) {
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line of ${file} has "${text}"`);
  return i + 1;
}

async function shot(step, clip = AREA) {
  if (only.length && !only.includes(step)) return;
  const file = path.join(outDir, `${step}${nl ? '.nl' : ''}.${themeName}.png`);
  await page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
  console.log(`${path.relative(root, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

let failed = false;
try {
  await main();
} catch (err) {
  failed = true;
  console.error(`walkthrough pictures failed: ${err?.stack ?? err}`);
  if (page) {
    const file = path.join(root, '.vscode-test/walkthrough-pictures-failure.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file }).then(() => console.error(`state at failure: ${path.relative(root, file)}`), () => {});
  }
  console.error(host.logTail(20).join('\n'));
}
await host.stop();
process.exit(failed ? 1 : 0);
