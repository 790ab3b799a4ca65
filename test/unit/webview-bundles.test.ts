// The page scripts as `npm run build` bundles them: browser bundles (no `require`, nothing of the
// extension), one per page script the panels load, and in the .vsix.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listFiles, PackageManager } from '@vscode/vsce';
import { PAGE_SCRIPT_FOLDER, pageScriptPath, type PageScript } from '../../client/src/webview/page';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPTS: PageScript[] = ['statistics', 'agreement', 'quoteReader', 'autocode', 'memo'];
const bundle = (script: PageScript): string => path.join(ROOT, ...pageScriptPath(script));

test('each page script is a browser bundle, with nothing of Node or the extension in it', () => {
  for (const script of SCRIPTS) {
    assert.ok(existsSync(bundle(script)), `${pageScriptPath(script).join('/')} is missing: run npm run build`);
    const code = readFileSync(bundle(script), 'utf8');
    assert.match(code, /^"use strict";\n\(\(\) => \{\n/, 'an IIFE');
    assert.ok(!code.includes('require('), `${script}: no require(`);
    assert.ok(!/^\s*(import|export)\b/m.test(code), `${script}: no module syntax`);
    assert.ok(!/\bvscode\b(?!-)|node:|escapeHtml/.test(code.replace(/acquireVsCodeApi/g, '')), `${script}: no vscode, Node or extension code`);
    assert.ok(code.includes(`client/src/webview/scripts/${script}/main.ts`), `${script}: bundled from its main.ts`);
  }
});

test('the bundles in dist/webview are the page scripts the panels load, no more', () => {
  const built = readdirSync(path.join(ROOT, ...PAGE_SCRIPT_FOLDER)).filter((name) => name.endsWith('.js'));
  assert.deepEqual(built.sort(), SCRIPTS.map((script) => pageScriptPath(script).at(-1)).sort());
});

test('the .vsix ships the page scripts, not their source maps', async () => {
  const files = await listFiles({ cwd: ROOT, packageManager: PackageManager.None });
  const webview = files.filter((file) => file.startsWith(`${PAGE_SCRIPT_FOLDER.join('/')}/`)).sort();
  assert.deepEqual(webview, SCRIPTS.map((script) => pageScriptPath(script).join('/')).sort());
});
