// The caches an index keeps (WorkspaceIndex.cache): what the views count from and what hover's
// usage counts read are dropped exactly when the documents they come from change.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aggregateCacheOf, countFragments, treeLevel } from '../../server/src/core/index/aggregate';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { compactStoreOf } from '../../server/src/core/index/compactModel';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { CacheKind, PerDocument, WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { prepareUsage, usageOf } from '../../server/src/service/codeAt';
import { compact } from '../../server/src/workspace/modelCache';
import { Folder } from '../../server/src/workspace/workspaceFolders';

const CODEBOOK = parseCodebook('# Intentie {#intentie}\n\n## Gestuurd {#intentie/gestuurd}\n\n# Context {#context}\n');

const FILES: Record<string, string> = {
  'a.md': '[ik moest]{#intentie/gestuurd} en [wilde]{#intentie}.\n',
  'b.md': 'Over het weer. {#context}\n',
};

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(files)) index.set(file, file, parseTranscript(text));
  return index;
}

const roots = (index: WorkspaceIndex, codebook = CODEBOOK): string[] =>
  treeLevel(index, codebook, 'aspects', {}, 'en').map((n) => `${n.label} ${n.count}`);

describe('WorkspaceIndex.cache', () => {
  test('one cache per index and kind, told of every set and remove', () => {
    const told: string[] = [];
    const kind = new CacheKind(() => ({ changed: (key: string) => told.push(key) }));
    const index = indexOf(FILES);
    const cache = index.cache(kind);
    assert.equal(index.cache(kind), cache);
    assert.notEqual(new WorkspaceIndex().cache(kind), cache);
    index.set('c.md', 'c.md', parseTranscript('x\n'));
    index.remove('a.md');
    index.remove('missing.md');
    assert.deepEqual(told, ['c.md', 'a.md']);
  });

  test('PerDocument: made once per document, made again after it is set again, gone when it is removed', () => {
    const index = indexOf(FILES);
    let made = 0;
    const perDocument = new PerDocument(index, (document) => ({ key: document.key, n: ++made }));
    index.cache(new CacheKind(() => perDocument));
    const a = perDocument.of(index.get('a.md')!);
    assert.equal(perDocument.of(index.get('a.md')!), a);
    perDocument.of(index.get('b.md')!);
    assert.equal(made, 2);

    index.set('a.md', 'a.md', parseTranscript('[anders]{#context}\n'));
    assert.equal(perDocument.size, 1);
    assert.notEqual(perDocument.of(index.get('a.md')!), a);
    assert.equal(made, 3);

    index.remove('b.md');
    assert.equal(perDocument.size, 1);
  });

  test('PerDocument keeps nothing for a document the index does not hold', () => {
    const index = indexOf(FILES);
    const perDocument = new PerDocument(index, (document) => document.key);
    const old = index.get('a.md')!;
    index.set('a.md', 'a.md', parseTranscript('nieuw\n'));
    assert.equal(perDocument.of(old), 'a.md');
    assert.equal(perDocument.size, 0);
    const foreign = indexOf(FILES).get('b.md')!;
    perDocument.of(foreign);
    assert.equal(perDocument.size, 0);
  });
});

describe('the aggregation cache of an index', () => {
  test('an aggregate after a document changes counts the change; only that document is sorted again', () => {
    const index = indexOf(FILES);
    assert.deepEqual(roots(index), ['Intentie 2', 'Context 1']);
    const cache = aggregateCacheOf(index);
    const b = cache.entries.of(index.get('b.md')!);
    assert.equal(cache.entries.size, 2);
    assert.equal(cache.aggregates, 1);

    index.set('a.md', 'a.md', parseTranscript('[alleen]{#context}\n'));
    assert.equal(cache.aggregates, 0, 'the aggregates of the previous generation are dropped');
    assert.equal(cache.entries.size, 1, "the changed document's entries are dropped");
    assert.deepEqual(roots(index), ['Intentie 0', 'Context 2']);
    assert.equal(cache.entries.of(index.get('b.md')!), b, "the other document's entries are kept");
  });

  test("a removed document's entries are gone, and so are its fragments from the counts", () => {
    const index = indexOf(FILES);
    assert.equal(countFragments(index), 3);
    const cache = aggregateCacheOf(index);
    index.remove('a.md');
    assert.equal(cache.entries.size, 1);
    assert.equal(countFragments(index), 1);
    assert.deepEqual(roots(index), ['Intentie 0', 'Context 1']);
  });

  test('two indexes share no entries and no code sets', () => {
    const one = indexOf(FILES);
    const two = indexOf(FILES);
    assert.equal(countFragments(one), 3);
    assert.notEqual(aggregateCacheOf(one), aggregateCacheOf(two));
    assert.equal(aggregateCacheOf(two).entries.size, 0);
    assert.equal(aggregateCacheOf(two).codeSets.size, 0);
    assert.equal(countFragments(two), 3);
    const [first] = aggregateCacheOf(one).entries.of(one.get('a.md')!);
    const [second] = aggregateCacheOf(two).entries.of(two.get('a.md')!);
    assert.notEqual(first!.sets[0], second!.sets[0]);
  });

  test('fragments with the same codes share one code set; the sets an index keeps are bounded', () => {
    const index = indexOf({ 'a.md': '[een]{#context}\n\n[twee]{#context}\n', 'b.md': '[drie]{#context}\n' });
    countFragments(index);
    const cache = aggregateCacheOf(index);
    const [a] = cache.entries.of(index.get('a.md')!);
    const [b] = cache.entries.of(index.get('b.md')!);
    assert.equal(a!.sets[0], a!.sets[1]);
    assert.equal(a!.sets[0], b!.sets[0]);
    for (let i = 0; i < 10_050; i++) cache.codeSets.of([`code${i}`]);
    assert.ok(cache.codeSets.size <= 10_000);
  });

  test('a changed codebook is read on the next request, with the same index', () => {
    const index = indexOf(FILES);
    assert.deepEqual(roots(index), ['Intentie 2', 'Context 1']);
    const renamed = parseCodebook('# Context {#context}\n\n# Bedoeling {#intentie}\n');
    assert.deepEqual(roots(index, renamed), ['Context 1', 'Bedoeling 2']);
    // Even a codebook changed in place: nothing is kept per codebook.
    renamed.codes.reverse();
    assert.deepEqual(roots(index, renamed), ['Bedoeling 2', 'Context 1']);
  });
});

describe("hover's usage counts", () => {
  const folderOf = (files: Record<string, string>): Folder => {
    const folder = new Folder('file:///tmp/kader-caches', 'kader-caches', 'en');
    for (const [file, text] of Object.entries(files)) folder.index.set(file, file, compact(parseTranscript(text)));
    return folder;
  };

  test('follow a changed and a removed document', () => {
    const folder = folderOf(FILES);
    assert.ok(compactStoreOf(folder.index.get('a.md')!.model));
    prepareUsage(folder);
    assert.equal(usageOf(folder, 'intentie').withSubcodes, 2);
    folder.index.set('a.md', 'a.md', compact(parseTranscript('[een]{#intentie}\n\n[twee]{#intentie/gestuurd}\n\n[drie]{#intentie}\n')));
    assert.deepEqual(usageOf(folder, 'intentie'), { fragments: 2, withSubcodes: 3, practices: [{ practice: undefined, count: 2 }] });
    folder.index.remove('a.md');
    assert.deepEqual(usageOf(folder, 'intentie'), { fragments: 0, withSubcodes: 0, practices: [] });
    assert.equal(usageOf(folder, 'context').fragments, 1);
  });

  test('are not shared between the folders of a workspace', () => {
    const one = folderOf(FILES);
    const two = folderOf({ 'a.md': '[x]{#intentie}\n' });
    assert.equal(usageOf(one, 'intentie').withSubcodes, 2);
    assert.equal(usageOf(two, 'intentie').withSubcodes, 1);
  });
});

describe('the compact form on its model', () => {
  test('is not seen by JSON, by key listings or by copies', () => {
    const model = compact(parseTranscript('[ik moest]{#intentie/gestuurd}\n'));
    assert.ok(compactStoreOf(model));
    assert.ok(!JSON.stringify(model).includes('store'));
    assert.deepEqual(Object.getOwnPropertySymbols(model).length, 1);
    assert.ok(!Object.keys(model).some((key) => key.includes('store')));
    assert.equal(compactStoreOf({ ...model }), undefined);
    assert.ok(model.attributeBlocks[0]!.codes[0] === model.codes[0], 'the blocks share the codes');
  });
});
