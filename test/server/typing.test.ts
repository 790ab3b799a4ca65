import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentDiagnosticRequest, HoverRequest, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fullCapabilities, openProject, range } from './client';

// A transcript like the benchmark's: turns, some coded, and now and then a code written inside
// inline code (`code{#niet}`), which is text, not a code.
function transcript(turns: number): string {
  const lines = ['---', 'practice: Breda', '---', ''];
  for (let i = 0; i < turns; i++) {
    if (i % 3 === 0) lines.push(`**S1:** Turn ${i} [coded here]{#intentie/gestuurd}.`, '');
    else if (i % 3 === 1) lines.push(`**S2:** Turn ${i}, see \`code{#niet}\` for the notation.`, '');
    else lines.push(`**S1:** Turn ${i} plain.`, '');
  }
  return lines.join('\n');
}

test('keystroke, diagnostics, then a hover in the same document: the code where the edit moved it, answered with its content', async (t) => {
  const project = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  const { client } = project;
  const uri = project.uri('breda/lang.md');
  await client.open(uri, transcript(30));
  const pull = (): Promise<FullDocumentDiagnosticReport> => client.request(DocumentDiagnosticRequest.type, { textDocument: { uri } }) as Promise<FullDocumentDiagnosticReport>;
  assert.deepEqual((await pull()).items, []);

  // Type a word at the top, and paste a coded turn before line 10: what follows moves right and down.
  await client.edit(uri, range(4, 8, 4, 8), 'Well. ');
  assert.deepEqual((await pull()).items, []);
  await client.edit(uri, range(10, 0, 10, 0), '**S3:** Pasted [a piece]{#context}.\n\n');
  assert.deepEqual((await pull()).items, []);

  // Line 4 is turn 0 (coded), moved six characters right; line 12 is turn 3, moved two lines down.
  const expected = {
    contents: {
      kind: 'markdown',
      value: '**Gestuurd** `#intentie/gestuurd`\n\nDe deelnemer doet mee omdat de organisatie dat vraagt.\n\n12 fragments in 2 practices  \nMost in: Breda (11), Tilburg (1)',
    },
  };
  assert.deepEqual(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 40 } }), { ...expected, range: range(4, 34, 4, 52) });
  assert.deepEqual(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 36 } }), { ...expected, range: range(12, 28, 12, 46) });
  assert.deepEqual(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 10, character: 30 } }), {
    contents: { kind: 'markdown', value: '**Context** `#context`\n\nIn welke omgeving speelt de praktijk zich af?\n\n2 fragments in 1 practice  \nMost in: Breda (2)' },
    range: range(10, 25, 10, 33),
  });
  // `{#niet}` inside inline code is no code: the hover there is answered, with null (the
  // benchmark's four "unanswered" hovers of 40 were all such places).
  assert.equal(await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 30 } }), null);

  // Sent together, as an editor does while typing: every request gets its answer.
  const answers = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      await client.edit(uri, range(4, 8, 4, 8), 'x');
      const [report, hover] = await Promise.all([pull(), client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 4, character: 45 + i } })]);
      return { items: report.items.length, range: hover?.range };
    }),
  );
  assert.deepEqual(
    answers,
    Array.from({ length: 10 }, () => ({ items: 0, range: range(4, 44, 4, 62) })),
  );
  assert.deepEqual(client.errors(), []);
});
