// Choosing among overlapping findings: the longest wins; of equal length, the higher rank.

import type { Span } from '../types';

/** The items none of which overlap, longest first within each run of overlapping ones. Linear for runs of few items. */
export function longestFirst<T extends { span: Span }>(items: readonly T[], rank: (item: T) => number): T[] {
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const chosen: T[] = [];
  let run: T[] = [];
  let runEnd = -1;
  const settle = (): void => {
    if (run.length === 1) chosen.push(run[0]!);
    else if (run.length > 1) {
      const kept: T[] = [];
      const byLength = run.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || rank(b) - rank(a) || a.span.start - b.span.start);
      for (const item of byLength) if (!kept.some((k) => k.span.start < item.span.end && item.span.start < k.span.end)) kept.push(item);
      chosen.push(...kept.sort((a, b) => a.span.start - b.span.start));
    }
    run = [];
  };
  for (const item of sorted) {
    if (item.span.start >= runEnd) {
      settle();
      runEnd = item.span.end;
    } else runEnd = Math.max(runEnd, item.span.end);
    run.push(item);
  }
  settle();
  return chosen;
}

/** The index of the region (of `regions`, sorted, not overlapping) that holds all of `span`, or -1. */
export function regionIndexOf(span: Span, regions: readonly { span: Span }[]): number {
  let lo = 0;
  let hi = regions.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid]!.span.start <= span.start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && span.end <= regions[at]!.span.end ? at : -1;
}

/** Whether `span` overlaps one of `spans` (sorted and not overlapping each other); binary search. */
export function overlapsAny(span: Span, spans: readonly Span[]): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let at = -1; // the last span that starts before `span` ends
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < span.end) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && spans[at]!.end > span.start;
}
