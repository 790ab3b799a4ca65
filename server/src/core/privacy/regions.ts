// Where a transcript holds text, as opposed to Kader's markup: personal data is looked for, and
// replaced, only in text. Markup is the front matter's keys and syntax, every attribute block
// (codes, keys) and every fragment's brackets and fences. A memo value and a front-matter string
// value are text of their own kind: a replacement in them is escaped as their quoting requires.

import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import { MAX_FRONT_MATTER_DEPTH, nestingBeyond, scanAttributeBlock } from '../parse';
import type { Span, Transcript } from '../types';

/**
 * How a region's text is written: Markdown text; a memo value between double quotes (`\"` and
 * `\\` escape); a YAML scalar that is plain, double-quoted, single-quoted or a block scalar.
 */
export type RegionStyle = 'markdown' | 'memo' | 'yaml-plain' | 'yaml-double' | 'yaml-single' | 'yaml-block';

export interface TextRegion {
  span: Span;
  style: RegionStyle;
}

/** The text regions of a transcript, in order, not overlapping. */
export function textRegions(text: string, model: Transcript): TextRegion[] {
  const markup: Span[] = [];
  const special: TextRegion[] = [];
  const fm = model.frontMatter.span;
  if (fm) {
    markup.push(fm);
    for (const region of frontMatterRegions(text, fm)) special.push(region);
  }
  for (const block of model.attributeBlocks) {
    markup.push(block.span);
    const scanned = scanAttributeBlock(text, block.span.start);
    for (const item of scanned?.items ?? []) {
      if (item.kind !== 'pair' || item.key !== 'memo') continue;
      const valueStart = item.span.start + item.key.length + 1;
      if (text[valueStart] === '"') special.push({ span: { start: valueStart + 1, end: item.span.end - 1 }, style: 'memo' });
    }
  }
  for (const fragment of model.fragments) for (const span of fragment.markup) markup.push(span);
  markup.sort((a, b) => a.start - b.start);
  const regions: TextRegion[] = [];
  let at = 0;
  for (const span of markup) {
    if (span.start > at) regions.push({ span: { start: at, end: span.start }, style: 'markdown' });
    at = Math.max(at, span.end);
  }
  if (at < text.length) regions.push({ span: { start: at, end: text.length }, style: 'markdown' });
  return regions.concat(special).sort((a, b) => a.span.start - b.span.start);
}

/** The string values of the front matter (any depth; never a key), as regions. */
export function frontMatterRegions(text: string, fm: Span): TextRegion[] {
  const bodyStart = text.indexOf('\n', fm.start) + 1;
  let end = fm.end;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  const bodyEnd = Math.max(bodyStart, Math.max(text.lastIndexOf('\n', end - 1), text.lastIndexOf('\r', end - 1)) + 1);
  if (bodyStart <= 0 || bodyEnd <= bodyStart) return [];
  const yaml = text.slice(bodyStart, bodyEnd);
  if (nestingBeyond(yaml, MAX_FRONT_MATTER_DEPTH) !== undefined) return [];
  const regions: TextRegion[] = [];
  const visit = (value: unknown): void => {
    if (isScalar(value)) {
      const region = scalarRegion(value, yaml);
      if (region) regions.push({ span: { start: bodyStart + region.span.start, end: bodyStart + region.span.end }, style: region.style });
    } else if (isSeq(value)) value.items.forEach(visit);
    else if (isMap(value)) value.items.forEach((pair) => visit(pair.value));
    else if (isPair(value)) visit(value.value);
  };
  try {
    const doc = parseDocument(yaml, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
    for (const pair of doc.contents.items) visit(pair.value as YamlNode | null);
  } catch {
    return []; // a stack overflow in the library: the front matter is reported as an error elsewhere
  }
  return regions.sort((a, b) => a.span.start - b.span.start);
}

function scalarRegion(scalar: Scalar, yaml: string): TextRegion | undefined {
  if (typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const [start, valueEnd] = scalar.range;
  switch (scalar.type) {
    case Scalar.QUOTE_DOUBLE:
      return { span: { start: start + 1, end: valueEnd - 1 }, style: 'yaml-double' };
    case Scalar.QUOTE_SINGLE:
      return { span: { start: start + 1, end: valueEnd - 1 }, style: 'yaml-single' };
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL: {
      const contentStart = yaml.indexOf('\n', start) + 1;
      return contentStart > 0 && contentStart < valueEnd ? { span: { start: contentStart, end: valueEnd }, style: 'yaml-block' } : undefined;
    }
    default:
      return { span: { start, end: valueEnd }, style: 'yaml-plain' };
  }
}
