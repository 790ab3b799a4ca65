// The Speakers view over JSON-RPC: `kader/tree` with `view: 'speakers'`, person → aspect → quotes,
// the same person across transcripts by the front matter's `persons:`.

import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import { TreePathRequest, TreeRequest, type FolderNode, type TreeNode, type TreeParams, type TreeQuery } from '../../server/src/protocol';
import { openProject, type Project } from './client';

type Loaded = (TreeNode | FolderNode) & { children: Loaded[] };

async function loadTree(project: Project, params: Omit<TreeParams, 'parent'>, parent?: TreeQuery): Promise<Loaded[]> {
  const result = await project.client.request(TreeRequest, parent ? { ...params, parent } : params);
  return Promise.all(result.roots.map(async (node) => ({ ...node, children: node.hasChildren ? await loadTree(project, params, node.query) : [] })));
}

function render(project: Project, nodes: Loaded[], depth = 0): string[] {
  const root = `file://${project.root}`;
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.id.split(root).join('<root>')} | ${n.kind} | ${n.label} | ${n.count}${n.kind === 'speaker' ? ` | ${n.description}` : ''}`,
    ...render(project, n.children, depth + 1),
  ]);
}

// Breda's S1 and the third conversation's S1 are one invented person, P03.
async function prepare(root: string): Promise<void> {
  const breda = path.join(root, 'project', 'breda', 'gesprek-1.md');
  await writeFile(breda, (await readFile(breda, 'utf8')).replace('coder: anna\n', 'coder: anna\npersons: {S1: P03}\n'));
  await writeFile(
    path.join(root, 'project', 'tilburg', 'gesprek-3.md'),
    '---\npractice: Tilburg\ncoder: bram\npersonen:\n  S1: P03\n  Interviewer: onderzoeker-1\n---\n**Interviewer:** [Wat leerde je?]{#outcome}\n\n**S1:** [Dat de wijk telt]{#context/macht}.\n',
  );
}

test('kader/tree: the Speakers view, person → aspect → quotes; interviewers last', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  assert.deepEqual(render(project, await loadTree(project, { view: 'speakers' })), [
    's:P03 | speaker | P03 | 3 | S1 · 2 transcripts',
    '  s:P03/a:intentie | aspect | Intentie | 1',
    '    s:P03/a:intentie/f:<root>/project/breda/gesprek-1.md#108 | fragment | omdat het moest | 1',
    '  s:P03/a:context | aspect | Context | 2',
    '    s:P03/a:context/f:<root>/project/breda/gesprek-1.md#216 | fragment | S1: De gemeente bepaalt. | 1',
    '    s:P03/a:context/f:<root>/project/tilburg/gesprek-3.md#140 | fragment | Dat de wijk telt | 1',
    's:S2 (breda/gesprek-1.md) | speaker | S2 | 1 | gesprek-1',
    '  s:S2 (breda/gesprek-1.md)/a:intentie | aspect | Intentie | 1',
    '    s:S2 (breda/gesprek-1.md)/a:intentie/f:<root>/project/breda/gesprek-1.md#163 | fragment | S2: Ik wilde zelf leren. | 1',
    's:S3 (tilburg/gesprek-2.md) | speaker | S3 | 3 | gesprek-2',
    '  s:S3 (tilburg/gesprek-2.md)/a:intentie | aspect | Intentie | 1',
    '    s:S3 (tilburg/gesprek-2.md)/a:intentie/f:<root>/project/tilburg/gesprek-2.md#46 | fragment | Ik kwam | 1',
    '  s:S3 (tilburg/gesprek-2.md)/a:activiteit | aspect | Activiteit | 1',
    '    s:S3 (tilburg/gesprek-2.md)/a:activiteit/f:<root>/project/tilburg/gesprek-2.md#130 | fragment | lezen | 1',
    '  s:S3 (tilburg/gesprek-2.md)/a:Activiteit | aspect | Activiteit | 1',
    '    s:S3 (tilburg/gesprek-2.md)/a:Activiteit/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    '  s:S3 (tilburg/gesprek-2.md)/a:onbekend | aspect | onbekend | 1',
    '    s:S3 (tilburg/gesprek-2.md)/a:onbekend/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    // The interviewer last; the fixture's codebook has no #outcome, so the code is its name.
    's:onderzoeker-1 | speaker | onderzoeker-1 | 1 | interviewer · Interviewer · gesprek-3',
    '  s:onderzoeker-1/a:outcome | aspect | outcome | 1',
    '    s:onderzoeker-1/a:outcome/f:<root>/project/tilburg/gesprek-3.md#104 | fragment | Wat leerde je? | 1',
  ]);
});

test('kader/tree: the Speakers view filters by text; kader/treePath goes person → aspect → quote', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const { client } = project;
  assert.deepEqual(
    (await client.request(TreeRequest, { view: 'speakers', filter: { text: 'WIJK' } })).roots.map((n) => [n.id, n.count]),
    [['s:P03', 1]],
  );
  const third = project.uri('tilburg/gesprek-3.md');
  const { path: nodes } = await client.request(TreePathRequest, { view: 'speakers', uri: third, start: { line: 9, character: 8 } });
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['s:P03', 's:P03/a:context', `s:P03/a:context/f:${third}#140`],
  );
});

test('kader/tree: a speaker that is not a string is refused in plain words', async (t) => {
  const { client } = await openProject(t);
  await assert.rejects(
    client.request(TreeRequest, { view: 'speakers', parent: { speaker: 3 } as unknown as TreeQuery }),
    (error: ResponseError) => error.code === ErrorCodes.InvalidParams && error.message === 'parent.speaker must be a string',
  );
});
