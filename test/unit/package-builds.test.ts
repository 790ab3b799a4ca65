// The .vsix carries both builds: the Node one (`main`) and the browser one (`browser`: vscode.dev,
// github.dev), and says what a virtual workspace lacks, in English and Dutch.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listFiles, PackageManager } from '@vscode/vsce';

const ROOT = path.resolve(__dirname, '../..');
const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

test('package.json names a Node and a browser entry, and supports virtual workspaces', () => {
  const manifest = json('package.json') as { main: string; browser: string; capabilities: { virtualWorkspaces: unknown } };
  assert.equal(manifest.main, './dist/client.js');
  assert.equal(manifest.browser, './dist/browser/client.js');
  assert.deepEqual(manifest.capabilities.virtualWorkspaces, { supported: true, description: '%capabilities.virtualWorkspaces%' });
  assert.match(String(json('package.nls.json')['capabilities.virtualWorkspaces']), /branch or commit needs git/);
  assert.match(String(json('package.nls.nl.json')['capabilities.virtualWorkspaces']), /branch of commit vraagt om git/);
});

test('the .vsix ships both builds, without source maps', async () => {
  const files = new Set(await listFiles({ cwd: ROOT, packageManager: PackageManager.None }));
  for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/browser/client.js', 'dist/browser/server.js']) assert.ok(files.has(bundle), `${bundle} is in the .vsix (run npm run build)`);
  assert.deepEqual([...files].filter((file) => file.endsWith('.map')), []);
});

// What the .vsix may carry: the extension's runtime and what its pages show, nothing else (no
// sources, tests, benchmarks, scripts, source maps or node_modules). `listFiles` is `vsce ls`.
const SHIPPED = [
  /^package\.json$/,
  /^package\.nls(\.[a-z-]+)?\.json$/,
  /^dist\/(browser\/|webview\/)?[A-Za-z]+\.js$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^snippets\/[\w.-]+\.code-snippets$/,
  /^media\/(kader\.svg|icon\.png)$/,
  /^media\/walkthrough\/[a-z]+(\.nl)?\.(light|dark)\.png$/,
  /^media\/screenshots\/[a-z-]+\.png$/,
  /^l10n\/bundle\.l10n\.[a-z-]+\.json$/,
  /^examples\/[\w/.-]+\.md$/,
  /^examples\/kader-privacy-allow\.txt$/,
  /^docs\/[\w.-]+\.md$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
];

const packaged = async (): Promise<string[]> => (await listFiles({ cwd: ROOT, packageManager: PackageManager.None })).sort();

test('the .vsix carries only what the extension runs and shows', async () => {
  const files = await packaged();
  assert.deepEqual(files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))), []);
  for (const dir of ['test/', 'bench/', 'scripts/', 'client/', 'server/', 'node_modules/', 'out/', '.vscode-test/']) {
    assert.deepEqual(files.filter((file) => file.startsWith(dir)), [], `nothing from ${dir}`);
  }
  for (const needed of ['package.json', 'package.nls.json', 'package.nls.nl.json', 'l10n/bundle.l10n.nl.json', 'media/icon.png', 'README.md', 'LICENSE', 'examples/codebook.md', 'examples/kader-privacy-allow.txt']) {
    assert.ok(files.includes(needed), `${needed} is in the .vsix`);
  }
});

test('every picture and guide the README links to is in the .vsix, so the extension page shows them', async () => {
  const files = new Set(await packaged());
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // Relative links (images and documents), without their #fragment; the benchmark figures are
  // the developers' (bench/ is not shipped).
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)\s]*)?\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z]+:/.test(link) && !link.startsWith('bench/'));
  const pictures = links.filter((link) => link.endsWith('.png'));
  assert.ok(pictures.includes('media/screenshots/views.png'), 'the README shows the views');
  assert.deepEqual([...new Set(links)].filter((link) => !files.has(link)), []);
});

test('every walkthrough picture, English and Dutch, light and dark, is in the .vsix', async () => {
  const files = new Set(await packaged());
  const manifest = json('package.json') as { contributes: { walkthroughs: { steps: { id: string }[] }[] } };
  const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.id));
  assert.deepEqual(steps, ['framework', 'example', 'codebook', 'transcript', 'code', 'views']);
  for (const [file, suffix] of [['package.nls.json', ''], ['package.nls.nl.json', '.nl']] as const) {
    const nls = json(file);
    for (const step of steps) {
      for (const theme of ['light', 'dark']) {
        const picture = nls[`walkthrough.${step}.image.${theme}`];
        assert.equal(picture, `media/walkthrough/${step}${suffix}.${theme}.png`);
        assert.ok(files.has(picture), `${picture} is in the .vsix`);
      }
    }
  }
});
