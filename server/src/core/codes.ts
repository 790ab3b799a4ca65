// Code paths (SYNTAX.md §1): `#` then segments of Unicode letters and digits, `_` and `-`,
// separated by `/`. Codes are written here without their `#`.

const SEGMENT = String.raw`[\p{L}\p{N}][\p{L}\p{N}_-]*`;
const CODE_PATH = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`, 'u');

export function isCodePath(path: string): boolean {
  return CODE_PATH.test(path);
}

/** The aspect (top-level code) of a code path. */
export function aspectOf(code: string): string {
  const slash = code.indexOf('/');
  return slash < 0 ? code : code.slice(0, slash);
}

export function parentOf(code: string): string | undefined {
  const slash = code.lastIndexOf('/');
  return slash < 0 ? undefined : code.slice(0, slash);
}

/** `code` is `ancestor` itself or one of its sub-codes. */
export function isWithin(code: string, ancestor: string): boolean {
  return code === ancestor || (code.startsWith(ancestor) && code.charCodeAt(ancestor.length) === 47 /* / */);
}

/** The code with `#` removed, for names a user may type with or without it. */
export function withoutHash(name: string): string {
  return name.startsWith('#') ? name.slice(1) : name;
}
