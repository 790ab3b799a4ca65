// Properties over real JSON-RPC. Rename a code and rename it back: byte-identical. Every quick fix the server offers for a transcript, applied on its
// own, gives a document with exactly one diagnostic fewer and no new error or warning (a case fix
// of an aspect may let an undefined-subcode information take the warning's place).
// Documents are random transcripts made of pieces that draw each fixable diagnostic
// (code-case, undefined-code near a known code, duplicate-code, missing-hash). Fixes that edit
// another file (add to the codebook) are left out: their effect is on the codebook.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { CodeActionRequest, RenameRequest, type CodeAction, type WorkspaceEdit, type PublishDiagnosticsParams, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { checkCodes, codeLookup } from '../../server/src/core/parse/check';
import { builtInCodebook } from '../../server/src/core/parse/codebook';
import { applyEdits } from '../../server/src/core/edits';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Diagnostic } from '../../server/src/core/types';
import { fileUri } from '../../server/src/workspace/uris';
import { TestClient } from '../server/client';

const RUNS = Math.max(20, Math.min(500, Math.floor(Number(process.env['KADER_FUZZ_RUNS'] ?? 2000) / 100)));
const lookup = codeLookup(builtInCodebook('en'));

function diagnosticsOf(text: string): Diagnostic[] {
  const model = parseTranscript(text);
  return [...model.diagnostics, ...checkCodes(model, lookup)];
}

function counts(diagnostics: Diagnostic[], severities: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) if (severities.includes(d.severity)) out.set(d.rule, (out.get(d.rule) ?? 0) + 1);
  return out;
}

const piece = fc.constantFrom(
  'Ik kwam omdat het moest.',
  '[ik kwam]{#Intentie}',
  '[ik kwam]{#intentie #intentie}',
  '[ik kwam]{#intentie, #context, #intentie}',
  '[ik kwam]{#intentei}',
  '[ik kwam]{#contxt/sub}',
  '[ik kwam]{intentie}',
  'het moest {actanten}',
  '[ik]{#INTENTIE/gestuurd}',
  '**S1:** [wij]{#outcome}',
  '- [lijst]{#activitiet}',
  '> [citaat]{#normativiteit #normativiteit}',
  '## Kop {#Context}',
  '[a [b]{#intentie}]{#intentie #intentie}',
);
const transcript = fc
  .tuple(fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(' ')), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
  .map(([paragraphs, eol]) => (paragraphs.join('\n\n') + '\n').replace(/\n/g, eol));

describe('properties over JSON-RPC: rename and quick fixes', () => {
  let root: string;
  let client: TestClient;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  before(async () => {
    process.on('unhandledRejection', onRejection);
    root = mkdtempSync(path.join(tmpdir(), 'kader-quickfix-'));
    // An empty folder is a Kader project only when the setting says so; the texts here have no front matter.
    client = await TestClient.start({ folders: [root], settings: { project: 'always' } });
  });
  after(async () => {
    await client?.dispose();
    rmSync(root, { recursive: true, force: true });
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections, [], 'no promise was rejected without a handler');
  });

  test('each quick fix removes exactly its diagnostic and adds no error or warning', async () => {
    const uri = fileUri(path.join(root, 'q.md'));
    let opened = false;
    await fc.assert(
      fc.asyncProperty(transcript, async (text) => {
        const version = opened ? client.version(uri) + 1 : 1;
        const published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === version), 60_000);
        if (opened) await client.change(uri, text);
        else await client.open(uri, text);
        opened = true;
        const sent = (await published).diagnostics;
        const before = diagnosticsOf(text);
        assert.equal(sent.length, before.length, 'the server publishes what the core finds');
        const actions = (await client.request(CodeActionRequest.type, {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 1_000, character: 0 } },
          context: { diagnostics: sent },
        })) as CodeAction[];
        for (const action of actions) {
          const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
          if (changes.length === 0 || changes.some((c) => !('textDocument' in c) || c.textDocument.uri !== uri)) continue;
          const edited = applyEdits(text, changes.flatMap((c) => c.edits as TextEdit[]));
          const after = diagnosticsOf(edited);
          const shown = JSON.stringify({ text, action: action.title, edited });
          // A case fix of an aspect (`#INTENTIE/x` → `#intentie/x`) lets the sub-code be checked: an
          // undefined-subcode (information) may take the warning's place. Anything else: one fewer.
          const newInfo = (counts(after, ['information']).get('undefined-subcode') ?? 0) - (counts(before, ['information']).get('undefined-subcode') ?? 0);
          assert.equal(after.length, before.length - 1 + Math.max(0, newInfo), `one diagnostic fewer: ${shown}`);
          assert.ok(newInfo <= (action.title.startsWith('Change to') ? 1 : 0), `no new information: ${shown}`);
          const was = counts(before, ['error', 'warning']);
          for (const [rule, count] of counts(after, ['error', 'warning'])) assert.ok(count <= (was.get(rule) ?? 0), `no new ${rule}: ${shown}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('the case fix of a code that the block already has does not make a duplicate', async () => {
    const uri = fileUri(path.join(root, 'dubbel.md'));
    const text = '[wij]{#outcome #Outcome}\n';
    const published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri, 60_000);
    await client.open(uri, text);
    const sent = (await published).diagnostics;
    const actions = (await client.request(CodeActionRequest.type, { textDocument: { uri }, range: sent[0]!.range, context: { diagnostics: sent } })) as CodeAction[];
    for (const action of actions) {
      const edited = applyEdits(text, ((action.edit?.documentChanges ?? []) as TextDocumentEdit[]).flatMap((c) => c.edits as TextEdit[]));
      assert.ok(!diagnosticsOf(edited).some((d) => d.rule === 'duplicate-code'), `${action.title}: ${edited}`);
    }
  });

  test('rename a code, then rename it back: byte-identical', async () => {
    const uri = fileUri(path.join(root, 'hernoem.md'));
    let opened = false;
    const set = async (text: string): Promise<void> => {
      const version = opened ? client.version(uri) + 1 : 1;
      const published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version === undefined || p.version === version), 60_000);
      if (opened) await client.change(uri, text);
      else await client.open(uri, text);
      opened = true;
      await published;
    };
    const rename = async (text: string, code: string, newName: string): Promise<string> => {
      const token = parseTranscript(text).codes.find((c) => c.code === code)!;
      const position = { line: token.range.start.line, character: token.range.start.character + 1 };
      const edit = (await client.request(RenameRequest.type, { textDocument: { uri }, position, newName })) as WorkspaceEdit;
      const mine = ((edit.documentChanges ?? []) as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri);
      return applyEdits(text, mine.flatMap((c) => c.edits as TextEdit[]));
    };
    let renames = 0;
    await fc.assert(
      fc.asyncProperty(transcript, async (text) => {
        const model = parseTranscript(text);
        // Not a code given twice in a block: rename merges those into one (on purpose).
        const twice = new Set(model.diagnostics.filter((d) => d.rule === 'duplicate-code').map((d) => d.args['code']));
        const from = [...new Set(model.codes.map((c) => c.code))].find((c) => ![...twice].some((t) => t === c || t!.startsWith(`${c}/`)));
        if (from === undefined) return;
        renames++;
        await set(text);
        const renamed = await rename(text, from, 'nieuw/naam');
        assert.ok(!parseTranscript(renamed).codes.some((c) => c.code === from), renamed);
        await set(renamed);
        const back = await rename(renamed, 'nieuw/naam', from);
        assert.equal(back, text, JSON.stringify({ text, from, renamed }));
      }),
      { numRuns: RUNS },
    );
    assert.ok(renames > RUNS / 4, `only ${renames} of ${RUNS} documents had a code to rename`);
  });
});
