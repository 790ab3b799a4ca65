// Writing exports and imports to disk: never over an existing file unless told to, written to a
// temporary file first and renamed into place, so a failure leaves nothing half-written behind.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importBytes } from '../core/outputs/exchange/exchange';
import type { ImportOptions, ImportResult } from '../core/outputs/exchange/transcriptWriter';
import { inflateWithZlib } from './zlibInflate';

export class ExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/** Writes `data` to `file` through a temporary file beside it; refuses to replace a file unless `force`. */
export async function writeNew(file: string, data: Uint8Array | string, force: boolean): Promise<void> {
  if (!force) {
    try {
      await fs.lstat(file);
      throw new ExistsError(file);
    } catch (error) {
      if (error instanceof ExistsError) throw error;
    }
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.kader-tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx' });
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

export async function importFile(file: string, options: ImportOptions): Promise<ImportResult> {
  return importBytes(file, await fs.readFile(file), options, inflateWithZlib);
}
