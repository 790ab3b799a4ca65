// What the picture scripts (screenshots.mjs, walkthrough-pictures.mjs) do in code-server's
// workbench: the command line they share, and keyboard and mouse on the page
// (test/extension/host.mjs starts code-server and Chromium).
import * as path from 'node:path';

export const THEMES = {
  light: { setting: 'Default Light Modern', label: 'Light Modern', cls: 'light_modern', scheme: 'light' },
  dark: { setting: 'Default Dark Modern', label: 'Dark Modern', cls: 'dark_modern', scheme: 'dark' },
  hc: { setting: 'Default High Contrast', label: 'Dark High Contrast', cls: 'hc-black', scheme: 'dark' },
  'hc-light': { setting: 'Default High Contrast Light', label: 'Light High Contrast', cls: 'hc-light', scheme: 'light' },
};

/** `--theme` (light, dark, hc, hc-light; `--dark` for dark), `--lang` (en, nl) and `option(name, fallback)` for the rest. */
export function scriptOptions(args) {
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const themeName = args.includes('--dark') ? 'dark' : option('--theme', 'light');
  const theme = THEMES[themeName];
  if (!theme) throw new Error(`--theme must be one of ${Object.keys(THEMES).join(', ')}`);
  const lang = option('--lang', 'en');
  if (lang !== 'en' && lang !== 'nl') throw new Error('--lang must be en or nl');
  return { option, theme, themeName, lang };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Workbench {
  constructor(page, host, theme) {
    this.page = page;
    this.host = host;
    this.theme = theme;
  }

  rowLabelled(scope, label) {
    return scope.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  async expandRowLocator(row) {
    await row.waitFor({ timeout: 10_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await sleep(600);
    }
  }

  expandRow(scope, label) {
    return this.expandRowLocator(this.rowLabelled(scope, label));
  }

  /** Expands the first child row under the row labelled `label`. */
  async expandFirstChild(scope, label) {
    const parent = this.rowLabelled(scope, label);
    const level = Number(await parent.getAttribute('aria-level'));
    const index = Number(await parent.getAttribute('data-index'));
    const child = scope.locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="${level + 1}"]`);
    if ((await child.count()) > 0) await this.expandRowLocator(child.first());
  }

  async quickInput(keys, text, wait) {
    await this.page.keyboard.press(keys);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await sleep(wait);
    await this.page.keyboard.press('Enter');
  }

  async runCommand(title) {
    await this.quickInput('F1', `>${title}`, 700);
    await sleep(700);
  }

  async showKader() {
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="Kader"]').first();
    const item = this.page.locator('.activitybar .action-item:has(a[aria-label^="Kader"])').first();
    if (!((await item.getAttribute('class')) ?? '').includes('checked')) await icon.click();
    await sleep(800);
  }

  /**
   * The extension development window of code-server 4.100.3 starts in "Light+" whatever
   * workbench.colorTheme says, so pick the theme in the Color Theme picker when it is not applied.
   */
  async applyTheme() {
    const { label, cls } = this.theme;
    const applied = () => this.page.evaluate((c) => document.querySelector('.monaco-workbench').className.includes(c), cls);
    if (await applied()) return;
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+T'); // Preferences: Color Theme
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(1000);
    await input.fill(label);
    await sleep(700);
    await this.page.keyboard.press('Enter');
    await this.host.until(applied, 10_000, `the theme ${label} was not applied`);
    await sleep(500);
  }

  async openFile(relative) {
    await this.quickInput('Control+P', relative, 1500);
    await this.page.locator('.tab', { hasText: path.basename(relative) }).first().waitFor({ timeout: 10_000 });
    await sleep(1500);
  }

  closeAllEditors() {
    return this.runCommand('View: Close All Editors');
  }

  async clearNotifications() {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.keyboard.press('Escape');
  }

  focusEditor() {
    return this.runCommand('View: Focus Active Editor Group');
  }

  async gotoLine(n) {
    await this.quickInput('Control+G', `:${n}`, 300);
    await sleep(400);
  }

  /** Selects `words` in `line` (the text of the line the cursor is on) with the keyboard. */
  async selectWords(line, words) {
    const col = line.indexOf(words);
    if (col < 0) throw new Error(`"${words}" is not on the line`);
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Home'); // past the indentation, to column 1
    for (let i = 0; i < col; i++) await this.page.keyboard.press('ArrowRight');
    for (let i = 0; i < words.length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await sleep(300);
  }
}
