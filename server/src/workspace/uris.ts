// Document URIs. Every URI the server keeps is canonical: a `file:` URI encoded the way VS Code
// encodes it (only unreserved characters and `/` stay as they are, the drive letter lower case),
// so the same file always has the same key whichever client or encoder wrote the URI.

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Percent-encodes one path segment as VS Code does (`!'()*` too). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeSegment).join('/');
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The canonical form of a URI; URIs of other schemes than `file` are kept as they are. */
export function canonicalUri(uri: string): string {
  const scheme = SCHEME.exec(uri);
  if (!scheme || scheme[1]!.toLowerCase() !== 'file') return uri;
  let rest = uri.slice(scheme[0].length);
  const hash = rest.search(/[?#]/);
  if (hash >= 0) rest = rest.slice(0, hash);
  let authority = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '/' : rest.slice(slash);
  }
  let path = decode(rest);
  if (path === undefined) return uri;
  path = path.replace(/\\/g, '/');
  const drive = /^\/([a-zA-Z]):/.exec(path);
  if (drive) path = `/${drive[1]!.toLowerCase()}:${path.slice(3)}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `file://${authority.toLowerCase()}${encodePath(path)}`;
}

/** The canonical `file:` URI of an absolute file system path. */
export function fileUri(fsPath: string): string {
  let path = fsPath.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(path)) path = `/${path}`;
  return canonicalUri(`file://${encodePath(path)}`);
}

/** The path of `uri` below the folder `folderUri` (both canonical), with `/`, or undefined. */
export function relativePath(folderUri: string, uri: string): string | undefined {
  const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  if (!uri.startsWith(prefix) || uri.length === prefix.length) return undefined;
  return decode(uri.slice(prefix.length));
}

/** The URI of `relative` (with `/`) below the folder `folderUri`. */
export function joinUri(folderUri: string, relative: string): string {
  const base = folderUri.endsWith('/') ? folderUri.slice(0, -1) : folderUri;
  return `${base}/${encodePath(relative)}`;
}

/** The last segment of a URI, decoded: a folder's display name. */
export function baseName(uri: string): string {
  const trimmed = uri.endsWith('/') ? uri.slice(0, -1) : uri;
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return decode(last) ?? last;
}
