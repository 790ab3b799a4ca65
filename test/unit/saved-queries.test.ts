// queries.md, the project's saved queries: `## Name` and a ```kader-query block per query.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTranscriptPath } from '../../server/src/core/fileText';
import { applyLineEdit, parseSavedQueries, saveQueryEdit, savedQueryNameProblem } from '../../client/src/queries/savedQueries';

const FILE = `# Queries

Shared by the team; Kader: Run Saved Query… runs them.

## Gestuurd in Breda

Who came because they were asked to.

\`\`\`kader-query
#intentie/gestuurd AND practice:"Leergemeenschap Breda"
\`\`\`

## Macht ##
~~~kader-query
#context/macht
  OR #normativiteit
~~~

## Without a query

Just notes.

\`\`\`text
## Not a heading
\`\`\`

## Empty

\`\`\`kader-query
\`\`\`
`;

test('reads each ## heading with its kader-query block; multi-line queries become one line', () => {
  assert.deepEqual(parseSavedQueries(FILE), [
    { name: 'Gestuurd in Breda', query: '#intentie/gestuurd AND practice:"Leergemeenschap Breda"', line: 4 },
    { name: 'Macht', query: '#context/macht OR #normativiteit', line: 12 },
  ]);
});

test('a block of another language, a heading inside a code block, a block under a # title are no queries', () => {
  const text = '# Title\n\n```kader-query\n#intentie\n```\n\n```md\n## Fake\n```\n```kader-query\n#context\n```\n';
  assert.deepEqual(parseSavedQueries(text), []);
  assert.deepEqual(parseSavedQueries(''), []);
  assert.deepEqual(parseSavedQueries('## Open block\n```kader-query\n#intentie'), [{ name: 'Open block', query: '#intentie', line: 0 }]);
  assert.deepEqual(parseSavedQueries('## A\r\n```kader-query\r\n#a\r\n```\r\n## B\r\n```kader-query\r\n#b\r\n```'), [
    { name: 'A', query: '#a', line: 0 },
    { name: 'B', query: '#b', line: 4 },
  ]);
});

test('saving into no file writes a new one with its title', () => {
  const edit = saveQueryEdit(undefined, 'Gestuurd', '#intentie/gestuurd', 'Saved queries');
  assert.deepEqual(edit, {
    startLine: 0,
    endLine: 0,
    newText: '# Saved queries\n\n## Gestuurd\n\n```kader-query\n#intentie/gestuurd\n```\n',
  });
  assert.deepEqual(parseSavedQueries(edit.newText), [{ name: 'Gestuurd', query: '#intentie/gestuurd', line: 2 }]);
});

test('saving a new name appends a section after one blank line, keeping the rest of the file', () => {
  const edit = saveQueryEdit(FILE, 'Bewoners', '"met bewoners" NEAR/2 #actanten', 'Saved queries');
  assert.equal(
    applyLineEdit(FILE, edit),
    `${FILE}\n## Bewoners\n\n\`\`\`kader-query\n"met bewoners" NEAR/2 #actanten\n\`\`\`\n`,
  );
  assert.equal(applyLineEdit('# Q\n\n## A\n```kader-query\n#a\n```\n\n\n', saveQueryEdit('# Q\n\n## A\n```kader-query\n#a\n```\n\n\n', 'B', '#b', 'x')), '# Q\n\n## A\n```kader-query\n#a\n```\n\n## B\n\n```kader-query\n#b\n```\n');
  assert.equal(applyLineEdit('## A\n```kader-query\n#a\n```', saveQueryEdit('## A\n```kader-query\n#a\n```', 'B', '#b', 'x')), '## A\n```kader-query\n#a\n```\n\n## B\n\n```kader-query\n#b\n```\n');
});

test('saving an existing name replaces its block only (its notes stay); CRLF files keep CRLF', () => {
  const edit = saveQueryEdit(FILE, 'Macht', '#context/macht', 'Saved queries');
  assert.deepEqual(edit, { startLine: 13, endLine: 17, newText: '```kader-query\n#context/macht\n```\n' });
  const after = applyLineEdit(FILE, edit);
  assert.equal(after, FILE.replace('~~~kader-query\n#context/macht\n  OR #normativiteit\n~~~', '```kader-query\n#context/macht\n```'));
  const crlf = '## A\r\n\r\n```kader-query\r\n#a\r\n```\r\n';
  assert.equal(applyLineEdit(crlf, saveQueryEdit(crlf, 'A', '#b', 'x')), '## A\r\n\r\n```kader-query\r\n#b\r\n```\r\n');
  assert.equal(applyLineEdit(crlf, saveQueryEdit(crlf, 'B', '#b', 'x')), '## A\r\n\r\n```kader-query\r\n#a\r\n```\r\n\r\n## B\r\n\r\n```kader-query\r\n#b\r\n```\r\n');
});

test('a query with backticks gets a longer fence and reads back the same', () => {
  const edit = saveQueryEdit(undefined, 'Ticks', '"a ``` b"', 'Q');
  assert.equal(edit.newText, '# Q\n\n## Ticks\n\n````kader-query\n"a ``` b"\n````\n');
  assert.deepEqual(parseSavedQueries(edit.newText), [{ name: 'Ticks', query: '"a ``` b"', line: 2 }]);
});

test('a name must read back as itself', () => {
  assert.equal(savedQueryNameProblem('Gestuurd in Breda'), undefined);
  assert.equal(savedQueryNameProblem('C#'), undefined);
  assert.equal(savedQueryNameProblem('  '), 'empty');
  assert.equal(savedQueryNameProblem('Macht #'), 'unreadable');
  assert.equal(savedQueryNameProblem('two\nlines'), 'unreadable');
});

test('queries.md is not a transcript, in any folder', () => {
  assert.equal(isTranscriptPath('queries.md'), false);
  assert.equal(isTranscriptPath('breda/Queries.md'), false);
  assert.equal(isTranscriptPath('breda/queries-2.md'), true);
});
