// Pictures of memos (not in the README): the Memos view with every kind of memo, and the memo
// editor open on a fragment. Opens a temporary copy of examples/ in code-server, as
// scripts/screenshots.mjs does, and gives the copy a code memo, a transcript memo and a journal
// entry first (the examples themselves stay as they are). Expects `npm run build`.
//
// Usage: node scripts/memo-shots.mjs [--theme light|dark|hc|hc-light] [--lang en|nl] --out DIR
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerHost, QUIET_SETTINGS, root } from '../test/extension/host.mjs';
import { scriptOptions, sleep, Workbench } from './workbench.mjs';

const args = process.argv.slice(2);
const { option, theme, lang } = scriptOptions(args);
const outDir = path.resolve(option('--out', '/tmp/kader-memo-shots'));
const viewport = { width: 1440, height: 900 };
const transcript = 'leergemeenschap-breda/2021-03-04-jongeren-in-de-wijk.md';

const host = new CodeServerHost('kader-memo-shots-');
const workspace = path.join(host.tmp, 'examples');
let page;
let wb;

/** The copy's memos: on a code, on the transcript, and a journal entry that names codes and links transcripts. */
function addMemos(folder) {
  const codebook = path.join(folder, 'codebook.md');
  fs.writeFileSync(
    codebook,
    fs.readFileSync(codebook, 'utf8').replace(
      'verplicht stelt.\n',
      'verplicht stelt.\n\n### Memo\n\nOok als de opleiding het verplicht, kiezen sommigen zelf een onderwerp. Bespreken in het teamoverleg van juni.\n',
    ),
  );
  const file = path.join(folder, transcript);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('---\n', '---\nmemo: |\n  Opname in een rumoerig buurthuis.\n  S4 kwam later binnen.\n'));
  fs.mkdirSync(path.join(folder, 'memos'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'memos', '2021-03-05-na-de-wijkronde.md'),
    '# Na de wijkronde\n\nIn [Jongeren in de wijk](../leergemeenschap-breda/2021-03-04-jongeren-in-de-wijk.md) veel #intentie/gestuurd; de #context/macht van de gemeente komt terug in [groep 3](../leergemeenschap-breda/2020-11-12-armoede-groep-3-anna.md).\n',
  );
}

async function main() {
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  addMemos(workspace);
  page = await host.start({
    workspace,
    settings: { ...QUIET_SETTINGS, 'workbench.colorTheme': theme.setting, 'workbench.tips.enabled': false, 'editor.minimap.enabled': false, 'editor.wordWrap': 'on', 'editor.fontSize': 14, 'breadcrumbs.enabled': false, 'git.enabled': false, 'kader.language': lang, 'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    serverArgs: ['--disable-getting-started-override'],
    browser: { viewport, deviceScaleFactor: 1, colorScheme: theme.scheme },
  });
  wb = new Workbench(page, host, theme);
  const kaderIcon = page.locator('.activitybar .action-item a[aria-label^="Kader"]').first();
  await kaderIcon.waitFor({ timeout: 90_000 });
  await sleep(1500);
  await wb.applyTheme();
  await wb.closeAllEditors();
  await wb.openFile(transcript);
  await wb.showKader();
  const title = lang === 'nl' ? { Aspects: 'Aspecten', Practices: 'Praktijken', Memos: 'Memo’s' } : { Aspects: 'Aspects', Practices: 'Practices', Memos: 'Memos' };
  const header = (name) => page.locator('.pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${title[name]}$`, 'i') }) }).first();
  const setExpanded = async (name, expanded) => {
    const h = header(name);
    await h.waitFor({ timeout: 20_000 });
    if ((await h.evaluate((el) => el.classList.contains('expanded'))) !== expanded) await h.locator('h3.title').click();
    await sleep(500);
  };
  await setExpanded('Aspects', false);
  await setExpanded('Practices', false);
  await setExpanded('Memos', true);
  const memos = page.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: new RegExp(`^${title.Memos}$`, 'i') }) }).first();
  await host.until(async () => (await memos.locator('.monaco-list-row').count()) > 3, 60_000, 'the Memos view shows no memos');
  await sleep(1000);
  const journal = memos.locator('.monaco-list-row[aria-level="2"]').last();
  await wb.expandRowLocator(journal);
  await sleep(800);
  fs.mkdirSync(outDir, { recursive: true });
  await wb.clearNotifications();
  await shot('memos-view.png');

  // The memo editor on the fragment with a memo on line 21.
  await wb.focusEditor();
  await wb.gotoLine(fs.readFileSync(path.join(workspace, transcript), 'utf8').split('\n').findIndex((l) => l.includes('memo="keuze')) + 1);
  await page.keyboard.press('End');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  await sleep(1500);
  // The palette shows the manifest's titles in VS Code's display language (English here).
  await wb.runCommand('Kader: Edit Memo…');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const textarea = frame.locator('#memo');
  await textarea.waitFor({ timeout: 20_000 });
  await textarea.press('End');
  await textarea.pressSequentially('\nNavragen bij S1: speelde het onderwerp echt geen rol?', { delay: 5 });
  await sleep(1000);
  await shot('memo-editor.png');
}

async function shot(name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  console.log(`${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

let failed = false;
try {
  await main();
} catch (err) {
  failed = true;
  console.error(`memo pictures failed: ${err?.stack ?? err}`);
  if (page) await page.screenshot({ path: path.join(outDir, 'failure.png') }).catch(() => {});
  console.error(host.logTail(20).join('\n'));
}
await host.stop();
process.exit(failed ? 1 : 0);
