// Running the CLI in-process on temporary folders, for the CLI tests.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { runCli } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function run(args: string[], cwd = process.cwd()): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), env: { LANG: 'en_US.UTF-8' }, cwd });
  return { code, out, err };
}

const temps: string[] = [];
after(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** An empty temporary folder, removed after the tests. */
export function temp(prefix = 'kader-cli-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(root);
  return root;
}

/** A temporary folder holding `files` (relative path → content). */
export function folder(files: Record<string, string | Buffer>): string {
  const root = temp();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
