// Writes the hostile corpus (cases.ts) to disk: one folder per case. Deterministic. Large inputs
// are never committed: tests write them to a temporary folder.
//
//   node --import tsx test/hostile/generate.ts DIR [--full]     every case, into DIR/<case>/
//   node --import tsx test/hostile/generate.ts --small          the small plain-file cases into
//                                                              test/fixtures/hostile/ (committed)

import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CASES, type Entry, type HostileCase, type Scale } from './cases';

/** Writes one case's folder under `dir`; returns the folder. */
export function materialize(hostile: HostileCase, scale: Scale, dir: string): string {
  const root = path.join(dir, hostile.name);
  mkdirSync(root, { recursive: true });
  // Folders first, so that files can go inside them.
  const entries = Object.entries(hostile.files(scale)).sort(([a], [b]) => a.length - b.length);
  for (const [name, entry] of entries) write(path.join(root, name), entry);
  return root;
}

function write(file: string, entry: Entry): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(file, entry);
  else if ('symlink' in entry) symlinkSync(entry.symlink, file);
  else if ('fifo' in entry) execFileSync('mkfifo', [file]);
  else if ('directory' in entry) mkdirSync(file, { recursive: true });
  else {
    writeFileSync(file, entry.text);
    chmodSync(file, entry.mode);
  }
}

/** The text content of a case's subject file, or its bytes (for the core, which never sees the disk). */
export function subjectBytes(hostile: HostileCase, scale: Scale): Uint8Array | undefined {
  const entry = hostile.files(scale)[hostile.subject];
  if (typeof entry === 'string') return new TextEncoder().encode(entry);
  if (entry instanceof Uint8Array) return entry;
  return undefined;
}

/** A fresh temporary folder and a function that removes it (modes restored first). */
export function tempCorpus(prefix = 'kader-hostile-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    remove: () => {
      execFileSync('chmod', ['-R', 'u+rwX', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIXTURES = path.resolve(__dirname, '../fixtures/hostile');

/** Cases small enough to commit: plain files only, a few kilobytes in all. */
export function smallCases(): HostileCase[] {
  return CASES.filter((hostile) => {
    const entries = Object.values(hostile.files('unit'));
    const plain = entries.every((e) => typeof e === 'string' || e instanceof Uint8Array);
    const bytes = entries.reduce((n, e) => n + (typeof e === 'string' ? e.length : (e as Uint8Array).length), 0);
    // Names with control characters cannot be checked out everywhere (Windows refuses them).
    const portable = Object.keys(hostile.files('unit')).every((name) => !/[\x00-\x1f\x7f]/.test(name));
    return plain && portable && bytes < 4096;
  });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (args.includes('--small')) {
    rmSync(FIXTURES, { recursive: true, force: true });
    for (const hostile of smallCases()) process.stdout.write(`${materialize(hostile, 'unit', FIXTURES)}\n`);
  } else if (!dir) {
    process.stderr.write('usage: generate.ts DIR [--full] | --small\n');
    process.exitCode = 2;
  } else {
    const scale: Scale = args.includes('--full') ? 'full' : 'unit';
    for (const hostile of CASES) process.stdout.write(`${materialize(hostile, scale, dir)}\n`);
  }
}
