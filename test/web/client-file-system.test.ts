// clientFileSystem (the server's files through the client's `kader/fs/*`, as in the browser) reads
// a folder as nodeFileSystem does. The client is played here by a connection that answers the
// requests from the disk the way client/src/fileAccess.ts answers them from vscode.workspace.fs.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStatResult,
} from '../../server/src/protocol';
import { clientFileSystem, type FsConnection } from '../../server/src/workspace/clientFileSystem';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';

let root: string;
const uri = (relative = ''): string => pathToFileURL(path.join(root, relative)).href;
const message = (error: unknown): string => (error as Error).message;

const answers = {
  async [FsStatRequest.method]({ uri }: { uri: string }): Promise<FsStatResult> {
    const file = fileURLToPath(uri);
    try {
      const [stat, lstat] = await Promise.all([fs.stat(file), fs.lstat(file)]);
      const type = stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
      return { type, size: type === 'file' ? stat.size : 0, symbolicLink: lstat.isSymbolicLink() };
    } catch {
      return { type: 'missing', size: 0 };
    }
  },
  async [FsReadFileRequest.method]({ uri, maxBytes }: { uri: string; maxBytes: number }): Promise<FsReadFileResult> {
    try {
      const stat = await fs.stat(fileURLToPath(uri));
      if (!stat.isFile()) return { ok: false, problem: 'unreadable', detail: 'is not a file' };
      if (stat.size > maxBytes) return { ok: false, problem: 'too-large', detail: `is larger than ${maxBytes} bytes` };
      return { ok: true, base64: (await fs.readFile(fileURLToPath(uri))).toString('base64') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing', detail: 'does not exist' };
      return { ok: false, problem: 'unreadable', detail: message(error) };
    }
  },
  async [FsReadDirectoryRequest.method]({ uri }: { uri: string }): Promise<FsReadDirectoryResult> {
    try {
      const entries = await fs.readdir(fileURLToPath(uri), { withFileTypes: true });
      return { entries: entries.map((e) => [e.name, e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other']) };
    } catch (error) {
      return { error: message(error) };
    }
  },
};
const requests: string[] = [];
const connection = {
  sendRequest: async (type: { method: string }, params: never) => {
    requests.push(type.method);
    return answers[type.method as keyof typeof answers](params);
  },
} as unknown as FsConnection;
const client = clientFileSystem(connection);

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kader-client-fs-'));
  const write = async (relative: string, content: string | Uint8Array): Promise<void> => {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), content);
  };
  await write('a.md', '**S1:** Eén [twee]{#intentie}.\n');
  await write('praktijk 1/gesprek (2).md', 'tekst\n');
  await write('praktijk 1/diep/c.md', 'tekst\n');
  await write('.verborgen/d.md', 'tekst\n');
  await write('node_modules/e.md', 'tekst\n');
  await write('codebook.md', '# Codebook\n');
  await write('README.md', '# Lees mij\n');
  await write('notities.txt', 'geen transcript\n');
  await write('utf16.md', new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]));
  await write('binary.md', new Uint8Array([0x61, 0x00, 0x62]));
  await fs.symlink(path.join(root, 'a.md'), path.join(root, 'link.md'));
  await fs.symlink(path.join(root, 'praktijk 1'), path.join(root, 'link-folder'));
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('lists the transcripts of a folder as nodeFileSystem does', async () => {
  const expected = await nodeFileSystem.listTranscripts(uri(), 'codebook.md');
  const listing = await client.listTranscripts(uri(), 'codebook.md');
  assert.deepEqual(listing, expected);
  assert.deepEqual(listing.transcripts, ['a.md', 'binary.md', 'link.md', 'praktijk 1/diep/c.md', 'praktijk 1/gesprek (2).md', 'utf16.md']);
  assert.ok(requests.includes(FsReadDirectoryRequest.method));
});

test('a folder that cannot be listed is a problem, not a failure', async () => {
  const listing = await client.listTranscripts(uri('er-niet'), 'codebook.md');
  assert.deepEqual(listing.transcripts, []);
  assert.equal(listing.problems.length, 1);
  assert.equal(listing.problems[0]!.path, '.');
});

test('reads and decodes text as nodeFileSystem does', async () => {
  for (const file of ['a.md', 'praktijk 1/gesprek (2).md', 'utf16.md', 'binary.md', 'er-niet.md']) {
    assert.deepEqual(await client.readText(uri(file)), await nodeFileSystem.readText(uri(file)), file);
  }
  assert.deepEqual(await client.readText(uri('utf16.md')), { ok: true, text: 'hé' });
  assert.equal((await client.readText(uri('er-niet.md'))).ok, false);
});

test('a file over the limit is not read', async () => {
  const result = await client.readText(uri('a.md'), 4);
  assert.deepEqual(result.ok ? result : result.problem, 'too-large');
});

test('within a folder, a symbolic link is not read (where it leads cannot be asked of every file system)', async () => {
  const result = await client.readText(uri('link.md'), undefined, uri());
  assert.equal(result.ok, false);
  assert.equal((await client.readText(uri('link.md'))).ok, true);
  assert.equal((await client.readText(uri('a.md'), undefined, uri())).ok, true);
});

test('exists', async () => {
  assert.equal(await client.exists(uri('a.md')), true);
  assert.equal(await client.exists(uri('praktijk 1')), true);
  assert.equal(await client.exists(uri('er-niet.md')), false);
});

test('a request that fails is an unreadable file, a missing one, or a folder problem', async () => {
  const broken = clientFileSystem({ sendRequest: () => Promise.reject(new Error('connection closed')) } as unknown as FsConnection);
  assert.deepEqual(await broken.readText(uri('a.md')), { ok: false, problem: 'unreadable', detail: 'connection closed' });
  assert.equal(await broken.exists(uri('a.md')), false);
  assert.deepEqual(await broken.listTranscripts(uri(), 'codebook.md'), { transcripts: [], problems: [{ path: '.', detail: 'connection closed' }] });
});
