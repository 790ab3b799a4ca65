// The keystrokes of the benchmark: typing, deleting, pasting a paragraph and typing in a code,
// at random places of a transcript (seeded: every run the same).

export interface Edit {
  kind: string;
  /** The whole text after the edit. */
  text: string;
  /** Where in the text before the edit, how many characters went, and what came in. */
  at: number;
  removed: number;
  inserted: string;
}

/** Random edits of the kinds a coder makes, applied one after the other. */
export function* edits(text: string, count: number, rnd: () => number): Generator<Edit> {
  const pick = (n: number): number => Math.floor(rnd() * n);
  const paragraph = '**S2:** Dat is een [nieuw geplakt stuk]{#context/macht} over de wijk en de gemeente, met een memo erbij.';
  for (let i = 0; i < count; i++) {
    const r = rnd();
    let at = pick(text.length);
    // Edit inside a paragraph: move to a position within a line of text.
    while (at > 0 && text[at - 1] === '\n' && text[at] === '\n') at--;
    if (r < 0.5) {
      const ch = 'abcdefghijklmnopqrstuvwxyz e'[pick(28)]!;
      text = text.slice(0, at) + ch + text.slice(at);
      yield { kind: 'type', text, at, removed: 0, inserted: ch };
    } else if (r < 0.75) {
      if (text[at] === '\n') at = Math.max(0, at - 1);
      text = text.slice(0, at) + text.slice(at + 1);
      yield { kind: 'delete', text, at, removed: 1, inserted: '' };
    } else if (r < 0.85) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      text = text.slice(0, lineStart) + paragraph + '\n\n' + text.slice(lineStart);
      yield { kind: 'paste', text, at: lineStart, removed: 0, inserted: paragraph + '\n\n' };
    } else {
      let brace = text.indexOf('{#', at);
      if (brace < 0) brace = text.indexOf('{#');
      const insertAt = brace + 2 + pick(4);
      text = text.slice(0, insertAt) + 'x' + text.slice(insertAt);
      yield { kind: 'attribute', text, at: insertAt, removed: 0, inserted: 'x' };
    }
  }
}
