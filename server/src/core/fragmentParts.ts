// The parts of one coding (SYNTAX.md §3.5): fragments of one transcript with the same
// `part="…"` are one coding that could not be written as one fragment (it crossed another coding,
// or ran over part of several paragraphs). Counts, reports, the agreement and exports treat them
// as one coding: its codes are the parts' codes, its text the parts' texts in order.

import type { Fragment } from './types';

/** The fragment attribute that ties the parts of one coding. */
export const PART_ATTRIBUTE = 'part';

type Parted = Pick<Fragment, 'attributes'>;

/** The `part` value of a fragment, or undefined when it is a coding of its own. */
export function partOf(fragment: Parted): string | undefined {
  const part = fragment.attributes[PART_ATTRIBUTE];
  return part === undefined || part.trim() === '' ? undefined : part;
}

/**
 * The places (in `fragments`) of the parts after the first of each coding: left out where a
 * coding is counted once. Empty when no fragment has a part.
 */
export function laterParts(fragments: readonly Parted[]): Set<number> {
  const later = new Set<number>();
  const seen = new Set<string>();
  fragments.forEach((fragment, at) => {
    const part = partOf(fragment);
    if (part === undefined) return;
    if (seen.has(part)) later.add(at);
    else seen.add(part);
  });
  return later;
}

/**
 * A transcript's fragments as codings: each group of parts that share a `part` value (in
 * document order), and every other fragment alone. For an export: one selection per group, from
 * the first part's start to the last part's end when they follow one another, else one per part
 * with the same code.
 */
export function joinedParts<F extends Parted>(fragments: readonly F[]): F[][] {
  const groups: F[][] = [];
  const byPart = new Map<string, F[]>();
  for (const fragment of fragments) {
    const part = partOf(fragment);
    if (part === undefined) {
      groups.push([fragment]);
      continue;
    }
    const group = byPart.get(part);
    if (group) group.push(fragment);
    else {
      const created = [fragment];
      byPart.set(part, created);
      groups.push(created);
    }
  }
  return groups;
}

/** The text of a coding made of parts: the parts' texts in order, joined with a space. */
export function joinedText(parts: readonly Pick<Fragment, 'text'>[]): string {
  return parts.map((p) => p.text).join(' ');
}
