// The hostile corpus through `kader check`: each case's folder, written to a temporary folder.
// The CLI must finish with the stated exit code and a clear message, and never reject.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { loadProject } from '../../server/src/workspace/project';
import { CASES, type Scale } from './cases';
import { materialize, tempCorpus } from './generate';

const scale: Scale = process.env['KADER_HOSTILE_SCALE'] === 'full' ? 'full' : 'unit';

async function check(folder: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['check', folder], { out: (t) => (out += t), err: (t) => (err += t), env: { LANG: 'en_US.UTF-8' }, cwd: folder });
  return { code, out, err };
}

// The cases run side by side: most of a run is the indexer's worker threads starting.
describe(`hostile corpus through kader check (${scale} scale)`, { concurrency: 4 }, () => {
  const corpus = tempCorpus();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  before(() => process.on('unhandledRejection', onRejection));
  after(async () => {
    corpus.remove();
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections, [], 'no promise was rejected without a handler');
  });

  for (const hostile of CASES) {
    test(`${hostile.name}: ${hostile.expected}`, async () => {
      const folder = materialize(hostile, scale, corpus.dir);
      const { code, out, err } = await check(folder);
      const shown = `exit ${code}\n--- stdout\n${out.slice(0, 2000)}\n--- stderr\n${err.slice(0, 2000)}`;
      assert.equal(code, hostile.cli.code, shown);
      assert.doesNotMatch(err, /unexpected error/, shown);
      for (const pattern of hostile.cli.err ?? []) assert.match(err, pattern, shown);
      for (const pattern of hostile.cli.out ?? []) assert.match(out, pattern, shown);
    });
  }

  test('deleted-while-indexing: a file deleted between listing and reading is skipped as missing; the rest is indexed', async () => {
    const folder = path.join(corpus.dir, 'deleted-while-indexing');
    materialize({ ...CASES[0]!, name: 'deleted-while-indexing', files: () => ({ 'weg.md': '[x]{#intentie}\n', 'blijft.md': '[y]{#intentie}\n' }) }, scale, corpus.dir);
    // The listing is done when listTranscripts returns: delete one listed file there.
    const originalList = nodeFileSystem.listTranscripts;
    nodeFileSystem.listTranscripts = async (folderUri, codebookPath) => {
      const listing = await originalList(folderUri, codebookPath);
      rmSync(path.join(folder, 'weg.md'), { force: true });
      return listing;
    };
    try {
      const project = await loadProject(folder, { locale: 'en', workers: 1 });
      assert.deepEqual(project.problems, [{ path: 'weg.md', problem: 'missing', detail: 'does not exist' }]);
      assert.deepEqual(project.index.all().map((d) => d.path), ['blijft.md']);
    } finally {
      nodeFileSystem.listTranscripts = originalList;
    }
    writeFileSync(path.join(folder, 'weg.md'), '');
  });
});
