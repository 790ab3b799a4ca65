// zlib's native inflate for the import of zip parts (core/outputs/exchange/zip.ts `Inflater`): it stops
// as soon as the output passes the limit, at native speed.

import { inflateRawSync } from 'node:zlib';

export function inflateWithZlib(data: Uint8Array, limit: number): Uint8Array | undefined {
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, limit) });
    return out.length <= limit ? out : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw error;
  }
}
