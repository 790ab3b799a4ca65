// Transcript front matter (SYNTAX.md §5), read with the `yaml` package.

import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { ChunkDiagnostic } from './chunk';
import type { AttributeValue, FrontMatter, Span } from '../types';

/** Alias expansion is bounded, so a "billion laughs" document is an error, not a hang. */
const MAX_ALIAS_COUNT = 100;

/**
 * Front matter nested deeper than this is not given to the `yaml` package: its composer and
 * `toJS` recurse once per level and overflow the stack at some hundreds of levels (fewer when the
 * stack is already deep). Real front matter is a few levels deep.
 */
export const MAX_FRONT_MATTER_DEPTH = 100;

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isFlowIndicator = (c: string | undefined): boolean => c === ',' || c === '[' || c === ']' || c === '{' || c === '}';

/** The end of the quoted scalar whose quote is at `open` (it may span lines), or the end of `yaml`. */
function quotedEnd(yaml: string, open: number): number {
  const quote = yaml[open];
  for (let i = open + 1; i < yaml.length; i++) {
    const c = yaml[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && yaml[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return yaml.length;
}

/**
 * The offset in `yaml` where it first nests deeper than `limit` levels, or undefined. One pass,
 * linear in the text, without recursion. Levels are counted as YAML nests collections: a flow
 * collection `[` or `{` opens one; a block sequence (`- `) or mapping (`key:`, `? `) opens one at
 * its column, inside the open ones at smaller columns (and a sequence at its key's column inside
 * that key's mapping); the single pair of `[a: b]` is a mapping too. Quoted scalars, block
 * scalars (`|`, `>`) and comments are skipped. test/unit/frontmatter-limits.test.ts checks the count
 * against the library's nesting on generated YAML. Invalid YAML may be counted wrongly: the library
 * then reports the error (and a stack overflow it reports is still "too deep", see readFrontMatter).
 */
export function nestingBeyond(yaml: string, limit: number): number | undefined {
  const n = yaml.length;
  const blocks: { column: number; map: boolean }[] = []; // open block collections, outermost first
  const flows: { seq: boolean; pair: boolean }[] = []; // open flow collections; a pair in a `[`
  let pairs = 0; // single pairs open in flow sequences
  let base = 0; // the block collections around the outermost open flow collection
  let nodeStart = true; // where a node can start: after an indicator, or on a new line
  let afterJson = false; // after a quoted scalar or a flow collection: `:` needs no space after it
  let i = 0;
  while (i < n) {
    const lineStart = i;
    while (yaml[i] === ' ') i++;
    let first = i;
    while (isBlank(yaml[first])) first++;
    if (first >= n || isBreak(yaml[first]) || yaml[first] === '#') {
      // A blank or comment line.
      while (i < n && !isBreak(yaml[i])) i++;
      i++;
      continue;
    }
    const indent = i - lineStart;
    let firstCollection = true; // the next block collection on this line is at its indentation
    if (flows.length === 0) {
      while (blocks.length > 0 && blocks[blocks.length - 1]!.column > indent) blocks.pop();
      // A line indented deeper than its collection after a plain scalar continues that scalar.
      const innermost = blocks.length > 0 ? blocks[blocks.length - 1]!.column : -1;
      nodeStart = nodeStart || indent <= innermost;
      afterJson = false;
    }
    /** A block collection (entry) at `column`; false when it is nested too deeply. */
    const open = (column: number, map: boolean): boolean => {
      if (firstCollection) {
        firstCollection = false;
        while (blocks.length > 0 && blocks[blocks.length - 1]!.column === column) {
          const top = blocks[blocks.length - 1]!;
          if (top.map === map) return true; // a further entry of the same collection
          if (top.map && !map) break; // a sequence as the value of a key at its column
          blocks.pop();
        }
      }
      blocks.push({ column, map });
      return blocks.length <= limit;
    };
    let nodeColumn = first - lineStart; // the column of the current node
    let afterValue = false; // after `key:` no block collection opens on this line
    let blockScalar = -2; // when a block scalar starts: the column its lines are deeper than
    for (; i < n && !isBreak(yaml[i]); i++) {
      const c = yaml[i]!;
      if (isBlank(c)) continue;
      if (c === '#' && isBlank(yaml[i - 1])) {
        while (i + 1 < n && !isBreak(yaml[i + 1])) i++;
        continue;
      }
      if (nodeStart) nodeColumn = i - lineStart;
      const next = yaml[i + 1];
      const separated = next === undefined || isBlank(next) || isBreak(next);
      const json = afterJson;
      afterJson = false;
      if (nodeStart && (c === '"' || c === "'")) {
        i = quotedEnd(yaml, i) - 1;
        nodeStart = false;
        afterJson = true;
      } else if (nodeStart && (c === '&' || c === '!' || c === '*')) {
        // An anchor, tag or alias: its name runs to white space or a flow indicator.
        while (i + 1 < n && !isBlank(yaml[i + 1]) && !isBreak(yaml[i + 1]) && !isFlowIndicator(yaml[i + 1])) i++;
        nodeStart = c !== '*';
      } else if ((c === '[' || c === '{') && (nodeStart || flows.length > 0)) {
        if (flows.length === 0) base = blocks.length;
        flows.push({ seq: c === '[', pair: false });
        if (base + flows.length + pairs > limit) return i;
        nodeStart = true;
      } else if ((c === ']' || c === '}') && flows.length > 0) {
        if (flows.pop()!.pair) pairs--;
        nodeStart = false;
        afterJson = true;
      } else if (c === ',' && flows.length > 0) {
        const innermost = flows[flows.length - 1]!;
        if (innermost.pair) pairs--;
        innermost.pair = false;
        nodeStart = true;
      } else if (c === ':' && (separated || (flows.length > 0 && (json || isFlowIndicator(next))))) {
        const innermost = flows[flows.length - 1];
        if (!innermost) {
          if (!afterValue && !open(nodeColumn, true)) return i;
          afterValue = true;
        } else if (innermost.seq && !innermost.pair) {
          innermost.pair = true;
          if (base + flows.length + ++pairs > limit) return i;
        }
        nodeStart = true;
      } else if ((c === '-' || c === '?') && separated && nodeStart) {
        if (flows.length === 0 && !afterValue && !open(i - lineStart, c === '?')) return i;
      } else if ((c === '|' || c === '>') && nodeStart && flows.length === 0) {
        blockScalar = blocks.length > 0 ? blocks[blocks.length - 1]!.column : -1;
        nodeStart = false;
      } else {
        nodeStart = false;
      }
    }
    i++; // the line break (of CR LF, the LF then reads as a blank line)
    if (blockScalar > -2) {
      // Its lines: blank ones, and those indented deeper than the collection that holds it.
      while (i < n) {
        let j = i;
        while (yaml[j] === ' ') j++;
        if (j < n && !isBreak(yaml[j]) && j - i <= blockScalar) break;
        while (j < n && !isBreak(yaml[j])) j++;
        i = j + 1;
      }
      nodeStart = true;
    }
  }
  return undefined;
}

function toAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(toAttribute);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** A `persons:` map (speaker label → person id, each a name or a number), or undefined for any other value. */
function personsOf(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return undefined;
  const persons: Record<string, string> = {};
  for (const [label, id] of Object.entries(value as Record<string, unknown>)) {
    if (typeof id !== 'string' && typeof id !== 'number') return undefined;
    const speaker = label.trim();
    const person = String(id).trim();
    if (speaker === '' || person === '') return undefined;
    // Defined, not assigned: a label such as `__proto__` is a key like any other.
    Object.defineProperty(persons, speaker, { value: person, enumerable: true, writable: true, configurable: true });
  }
  return persons;
}

export function emptyFrontMatter(): FrontMatter {
  return { attributes: {}, participants: [], valueSpans: {} };
}

function tooDeep(span: Span): ChunkDiagnostic {
  return { rule: 'front-matter', severity: 'error', span, args: { problem: 'too-deep', limit: String(MAX_FRONT_MATTER_DEPTH) } };
}

/** Reads the YAML `body` (offsets into `text`); `span` is the whole block with its fences. */
export function readFrontMatter(text: string, span: Span, body: Span, diagnostics: ChunkDiagnostic[]): FrontMatter {
  const yaml = text.slice(body.start, body.end);
  const at = (range: readonly number[] | undefined): Span =>
    range ? { start: body.start + range[0]!, end: body.start + Math.max(range[0]!, range[1]!) } : { start: 0, end: 3 };
  const deep = nestingBeyond(yaml, MAX_FRONT_MATTER_DEPTH);
  if (deep !== undefined) {
    diagnostics.push(tooDeep(at([deep, deep + 1])));
    return { ...emptyFrontMatter(), span };
  }
  const found: ChunkDiagnostic[] = [];
  try {
    const frontMatter = readYaml(yaml, span, at, found);
    diagnostics.push(...found);
    return frontMatter;
  } catch (error) {
    // The stack ran out all the same, outside the library's own catch (the core was called with
    // little of it left): still an error on the front matter, never an exception. (V8 reports an
    // overflow while compiling a regular expression as a SyntaxError.)
    if (!(error instanceof RangeError) && !/call stack/i.test(String(error))) throw error;
    diagnostics.push(tooDeep(at(undefined)));
    return { ...emptyFrontMatter(), span };
  }
}

function readYaml(yaml: string, span: Span, at: (range: readonly number[] | undefined) => Span, diagnostics: ChunkDiagnostic[]): FrontMatter {
  const frontMatter: FrontMatter = { ...emptyFrontMatter(), span };
  const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
  // The library reports a stack overflow as RESOURCE_EXHAUSTION (with little stack left, fewer
  // than MAX_FRONT_MATTER_DEPTH levels can overflow it).
  const overflow = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (overflow) {
    diagnostics.push(tooDeep(at(overflow.pos)));
    return frontMatter;
  }
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
    if (error instanceof RangeError) {
      diagnostics.push(tooDeep(at(doc.contents.range ?? undefined)));
      return frontMatter;
    }
    // The library's guard against alias bombs (`&a [*b, *b, …]` repeated): our own words for it.
    if (error instanceof ReferenceError && error.message.startsWith('Excessive alias count')) {
      diagnostics.push({ rule: 'front-matter', severity: 'error', span: at(doc.contents.range ?? undefined), args: { problem: 'aliases', limit: String(MAX_ALIAS_COUNT) } });
      return frontMatter;
    }
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
      // An empty practice would silently leave the transcript under its folder's name.
      else if (key === 'practice' && (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))) {
        const span = valueSpan.end > valueSpan.start || !isScalar(pair.key) ? valueSpan : at(pair.key.range ?? undefined);
        diagnostics.push({ rule: 'front-matter', severity: 'warning', span, args: { problem: 'empty', key } });
      } else if (value !== null && value !== undefined) {
        diagnostics.push({ rule: 'front-matter', severity: 'error', span: valueSpan, args: { problem: 'not-string', key } });
      }
      continue;
    }
    if (key === 'persons' || key === 'personen') {
      const persons = personsOf(value);
      if (persons) frontMatter.persons = { ...frontMatter.persons, ...persons };
      else if (value !== null && value !== undefined) diagnostics.push({ rule: 'front-matter', severity: 'error', span: valueSpan, args: { problem: 'persons', key } });
      continue;
    }
    if (key === 'memo') {
      // Not a document attribute: the transcript's memo (a list or number is read as text).
      const memo = typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(toAttribute(value));
      if (memo !== '') frontMatter.memo = memo;
      continue;
    }
    if (key === 'participants' && Array.isArray(value)) {
      frontMatter.participants = value.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number').map(String);
    }
    frontMatter.attributes[key] = toAttribute(value);
  }
  return frontMatter;
}
