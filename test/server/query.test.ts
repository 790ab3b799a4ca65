// kader/query and filter.query through the real JSON-RPC: the fragments a coding query finds, the
// query error with its place (English and Dutch), and a tree request whose query is malformed.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, LSPErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import { QueryRequest, TreeRequest, type TreeNode } from '../../server/src/protocol';
import { openProject, range } from './client';

test('kader/query: the fragments a query finds, as summaries, in path and document order', async (t) => {
  const project = await openProject(t);
  const result = await project.client.request(QueryRequest, { query: '#intentie/gestuurd OR (#context IN #intentie)' });
  assert.deepEqual(result, {
    ok: true,
    count: 3,
    fragments: [
      {
        key: project.uri('breda/gesprek-1.md'),
        path: 'breda/gesprek-1.md',
        practice: 'Breda',
        coder: 'anna',
        speaker: 'S1',
        codes: ['intentie/gestuurd'],
        kind: 'inline',
        text: 'omdat het moest',
        memo: 'twijfel',
        range: range(8, 17, 8, 32),
        fullRange: range(8, 16, 8, 68),
      },
      {
        key: project.uri('breda/gesprek-1.md'),
        path: 'breda/gesprek-1.md',
        practice: 'Breda',
        coder: 'anna',
        speaker: 'S1',
        codes: ['context'],
        kind: 'div',
        text: 'S1: De gemeente bepaalt.',
        range: range(13, 0, 14, 0),
        fullRange: range(12, 0, 14, 3),
      },
      {
        key: project.uri('tilburg/gesprek-2.md'),
        path: 'tilburg/gesprek-2.md',
        practice: 'Tilburg',
        coder: 'bram',
        speaker: 'S3',
        codes: ['intentie/gestuurd'],
        kind: 'inline',
        text: 'Ik kwam',
        range: range(4, 9, 4, 16),
        fullRange: range(4, 8, 4, 37),
      },
    ],
  });
  const limited = await project.client.request(QueryRequest, { query: 'practice:Tilburg', limit: 1 });
  assert.ok(limited.ok);
  assert.equal(limited.count, 3);
  assert.deepEqual(limited.fragments.map((f) => f.text), ['Ik kwam']);
});

test('kader/query: a malformed query is answered with the error and its place, in the server language', async (t) => {
  const en = await openProject(t);
  assert.deepEqual(await en.client.request(QueryRequest, { query: '#intentie AND (#context' }), { ok: false, message: 'This bracket is not closed.', offset: 14, length: 1 });
  const nl = await openProject(t, ['project'], { locale: 'nl' });
  assert.deepEqual(await nl.client.request(QueryRequest, { query: '#intentie context' }), {
    ok: false,
    message: 'Schrijf woorden om naar te zoeken tussen aanhalingstekens ("context") of een code met # (#context).',
    offset: 10,
    length: 7,
  });
});

test('kader/tree with filter.query: the view counts what the query finds; a malformed query fails with its place as data', async (t) => {
  const project = await openProject(t);
  const roots = await project.client.request(TreeRequest, { view: 'aspects', filter: { query: 'speaker:S3' } });
  assert.deepEqual(
    (roots.roots as TreeNode[]).filter((n) => n.count > 0).map((n) => `${n.code} ${n.count}`),
    ['intentie 1', 'activiteit 1', 'Activiteit 1', 'onbekend 1'],
  );
  const practices = await project.client.request(TreeRequest, { view: 'practices', filter: { query: '#intentie AND practice:Breda' } });
  assert.deepEqual(practices.roots.map((n) => `${n.label} ${n.count}`), ['Breda 3']);
  await assert.rejects(project.client.request(TreeRequest, { view: 'aspects', filter: { query: '#intentie AND' } }), (error: ResponseError<unknown>) => {
    assert.equal(error.code, LSPErrorCodes.RequestFailed);
    assert.equal(error.message, 'AND needs a term after it.');
    assert.deepEqual(error.data, { offset: 10, length: 3 });
    return true;
  });
});

test('kader/query and filter.query: parameters of the wrong type are invalid params, and the server answers on', async (t) => {
  const project = await openProject(t);
  const invalid = (message: string) => (error: ResponseError<unknown>): boolean => {
    assert.equal(error.code, ErrorCodes.InvalidParams);
    assert.equal(error.message, message);
    return true;
  };
  const send = (params: unknown): Promise<unknown> => project.client.connection.sendRequest('kader/query', params);
  await assert.rejects(send({}), invalid('kader/query needs a query'));
  await assert.rejects(send({ query: 42 }), invalid('kader/query needs a query'));
  await assert.rejects(send({ query: '#intentie', limit: -1 }), invalid('limit must be a whole number, 0 or more'));
  await assert.rejects(project.client.connection.sendRequest('kader/tree', { view: 'aspects', filter: { query: 42 } }), invalid('filter.query must be a string'));
  assert.deepEqual(await project.client.request(QueryRequest, { query: '#intentie', limit: 0 }), { ok: true, count: 4, fragments: [] });
  // An empty query in a tree filter is no filter.
  const all = await project.client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(await project.client.request(TreeRequest, { view: 'aspects', filter: { query: '  ' } }), all);
});
