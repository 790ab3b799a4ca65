// An empty `practice:` reaches the editor as a warning over JSON-RPC, in English and Dutch.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { openProject, range } from './client';

test('push: an empty practice: is a front-matter warning at the key, translated with the language setting', async (t) => {
  const { client, uri } = await openProject(t);
  const breda = uri('breda/gesprek-1.md');
  const opened = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda);
  await client.open(breda);
  assert.deepEqual((await opened).diagnostics, []);

  const checked = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.version === 2);
  await client.change(breda, '---\npractice:\ncoder: anna\n---\n[ja]{#intentie}\n');
  assert.deepEqual((await checked).diagnostics, [
    {
      range: range(1, 0, 1, 8),
      severity: 2,
      code: 'front-matter',
      source: 'kader',
      message: '“practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.',
    },
  ]);

  client.settings = { language: 'nl' };
  const dutch = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.diagnostics.some((d) => String(d.message).startsWith('“practice” is leeg')));
  await client.configurationChanged();
  assert.deepEqual(
    (await dutch).diagnostics.map((d) => d.message),
    ['“practice” is leeg, dus het transcript telt onder de naam van zijn map (of onder “(geen praktijk)”): schrijf de naam van de praktijk achter “practice:”, of verwijder de regel.'],
  );

  // Writing the name takes the warning away.
  const fixed = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.version === 3);
  await client.change(breda, '---\npractice: Breda\ncoder: anna\n---\n[ja]{#intentie}\n');
  assert.deepEqual((await fixed).diagnostics, []);
  assert.deepEqual(client.errors(), []);
});
