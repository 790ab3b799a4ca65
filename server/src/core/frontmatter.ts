// Transcript front matter (SYNTAX.md §5), read with the `yaml` package.

import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { ChunkDiagnostic } from './chunk';
import type { AttributeValue, FrontMatter, Span } from './types';

/** Alias expansion is bounded, so a "billion laughs" document is an error, not a hang. */
const MAX_ALIAS_COUNT = 100;

function toAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(toAttribute);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function emptyFrontMatter(): FrontMatter {
  return { attributes: {}, participants: [], valueSpans: {} };
}

/** Reads the YAML `body` (offsets into `text`); `span` is the whole block with its fences. */
export function readFrontMatter(text: string, span: Span, body: Span, diagnostics: ChunkDiagnostic[]): FrontMatter {
  const frontMatter: FrontMatter = { ...emptyFrontMatter(), span };
  const yaml = text.slice(body.start, body.end);
  const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  const at = (range: readonly number[] | undefined): Span =>
    range ? { start: body.start + range[0]!, end: body.start + Math.max(range[0]!, range[1]!) } : { start: 0, end: 3 };
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    diagnostics.push({ rule: 'front-matter', severity: 'error', span: at(error.pos), args: { problem: 'syntax', detail: error.message.split('\n')[0]! } });
    return frontMatter;
  }
  if (doc.contents === null) return frontMatter;
  if (!isMap(doc.contents)) {
    diagnostics.push({ rule: 'front-matter', severity: 'error', span: at(doc.contents.range ?? undefined), args: { problem: 'not-mapping' } });
    return frontMatter;
  }
  let json: Record<string, unknown>;
  try {
    json = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    diagnostics.push({ rule: 'front-matter', severity: 'error', span: at(doc.contents.range ?? undefined), args: { problem: 'syntax', detail: (error as Error).message } });
    return frontMatter;
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const valueNode = pair.value as YamlNode | null;
    const valueSpan = at(valueNode?.range ?? (isScalar(pair.key) ? pair.key.range ?? undefined : undefined));
    frontMatter.valueSpans[key] = valueSpan;
    const value = json[key];
    if (key === 'practice' || key === 'coder') {
      if (typeof value === 'string' && value.trim() !== '') frontMatter[key] = value.trim();
      else if (value !== null && value !== undefined) {
        diagnostics.push({ rule: 'front-matter', severity: 'error', span: valueSpan, args: { problem: 'not-string', key } });
      }
      continue;
    }
    if (key === 'participants' && Array.isArray(value)) {
      frontMatter.participants = value.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number').map(String);
    }
    frontMatter.attributes[key] = toAttribute(value);
  }
  return frontMatter;
}
