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
