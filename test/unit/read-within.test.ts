// readText with `within`: a symbolic link out of the workspace folder is not read, whatever it
// points at; links that stay inside, and plain files, are read as before.

import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readText } from '../../server/src/workspace/files';
import { loadProject } from '../../server/src/workspace/project';
import { temporaryFolders } from './helpers';

const temporary = temporaryFolders();
const tempDir = (): string => temporary('kader-within-');

const OUTSIDE = { ok: false, problem: 'outside', detail: 'is a link to a file outside the folder' };

test('readText within a folder: links out of it are refused, links inside it are read', async () => {
  const base = tempDir();
  const root = path.join(base, 'project');
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(base, 'private.md'), 'private words\n');
  writeFileSync(path.join(root, 'a.md'), 'a\n');
  writeFileSync(path.join(root, 'sub', 'b.md'), 'b\n');
  symlinkSync('../private.md', path.join(root, 'out.md'));
  symlinkSync(path.join(base, 'private.md'), path.join(root, 'sub', 'absolute.md'));
  symlinkSync('../a.md', path.join(root, 'sub', 'in.md'));
  symlinkSync('..', path.join(root, 'sub', 'up'));
  // A sibling folder whose name starts with the project's is still outside it.
  mkdirSync(path.join(base, 'project-2'));
  writeFileSync(path.join(base, 'project-2', 'c.md'), 'c\n');
  symlinkSync('../project-2/c.md', path.join(root, 'sibling.md'));

  assert.deepEqual(await readText(path.join(root, 'out.md'), undefined, root), OUTSIDE);
  assert.deepEqual(await readText(path.join(root, 'sub', 'absolute.md'), undefined, root), OUTSIDE);
  assert.deepEqual(await readText(path.join(root, 'sibling.md'), undefined, root), OUTSIDE);
  assert.deepEqual(await readText(path.join(root, 'sub', 'in.md'), undefined, root), { ok: true, text: 'a\n' });
  assert.deepEqual(await readText(path.join(root, 'sub', 'b.md'), undefined, root), { ok: true, text: 'b\n' });
  // Without a folder to stay in (a file the user named), a link is followed.
  assert.deepEqual(await readText(path.join(root, 'out.md')), { ok: true, text: 'private words\n' });
});

test('loadProject: a transcript and a codebook that link out of the folder are skipped, the rest is read', async () => {
  const base = tempDir();
  const root = path.join(base, 'project');
  mkdirSync(root);
  writeFileSync(path.join(base, 'private.md'), '[geheim]{#intentie}\n');
  writeFileSync(path.join(base, 'codebook.md'), '# Eigen {#eigen}\n');
  writeFileSync(path.join(root, 'ok.md'), '[goed]{#intentie}\n');
  symlinkSync('../private.md', path.join(root, 'geheim.md'));
  symlinkSync('../codebook.md', path.join(root, 'codebook.md'));
  const project = await loadProject(root, { locale: 'en', workers: 1 });
  assert.deepEqual(project.problems, [
    { path: 'codebook.md', problem: 'outside', detail: 'is a link to a file outside the folder' },
    { path: 'geheim.md', problem: 'outside', detail: 'is a link to a file outside the folder' },
  ]);
  assert.deepEqual(
    project.index.all().map((d) => d.path),
    ['ok.md'],
  );
  assert.equal(project.codebook.builtIn, true);
});
