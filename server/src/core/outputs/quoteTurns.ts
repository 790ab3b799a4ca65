// A quote that spans several speaker turns (a coded section or block), turn by turn: the words
// before the first turn (a heading, a question), then each turn with its speaker, so a report never
// runs a conversation together into one block. The turns come from the model; their words from
// the fragment's text, where each turn starts with its label (`S1:`, SYNTAX.md §7). The index
// keeps no text, so the label is looked for near where the turn starts.

import type { FragmentRef } from '../index/workspaceIndex';

export interface QuotePart {
  /** Absent for the words before the first turn. */
  speaker?: string;
  text: string;
}

/**
 * The quote of `ref` in parts: one part when it lies within one turn (or its labels cannot be
 * found in its text), else the words before the first turn it holds and then one part per turn.
 */
export function quoteParts(ref: FragmentRef): QuotePart[] {
  const { fragment } = ref;
  const whole: QuotePart[] = [{ ...(fragment.speaker !== undefined ? { speaker: fragment.speaker } : {}), text: fragment.text }];
  if (fragment.kind === 'inline') return whole;
  const { start, end } = fragment.content.span;
  const turns = ref.document.model.turns.filter((t) => t.label.start >= start && t.label.start < end);
  if (turns.length === 0) return whole;
  const text = fragment.text;
  // Each label where it stands in the text: of the places that read like it, the one nearest to
  // where the turn starts in the source, in proportion (the text is shorter by its markup).
  const scale = text.length / Math.max(1, end - start);
  const at: number[] = [];
  let from = 0;
  for (const turn of turns) {
    const label = `${turn.speaker}:`;
    const expected = (turn.label.start - start) * scale;
    let best = -1;
    for (let found = text.indexOf(label, from); found >= 0; found = text.indexOf(label, found + 1)) {
      if (found > 0 && text[found - 1] !== ' ') continue;
      if (best < 0 || Math.abs(found - expected) < Math.abs(best - expected)) best = found;
      // Further on is only further away.
      if (found >= expected) break;
    }
    if (best < 0) return whole;
    at.push(best);
    from = best + label.length;
  }
  const parts: QuotePart[] = [];
  const head = text.slice(0, at[0]).trim();
  if (head) parts.push({ text: head });
  turns.forEach((turn, i) => {
    const words = text.slice(at[i]! + turn.speaker.length + 1, at[i + 1] ?? text.length).trim();
    if (words) parts.push({ speaker: turn.speaker, text: words });
  });
  return parts;
}
