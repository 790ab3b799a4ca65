// A `/pattern/` of a query as a RegExp, or the reason it is refused. JavaScript cannot stop a
// regular expression once it runs, so the patterns that can take exponential time (a repeated
// group that repeats or alternates inside, a back-reference) are refused, and a pattern is short.

/** The longest pattern: enough for a few alternatives of words. */
export const MAX_PATTERN_LENGTH = 100;

export type PatternCheck =
  | { ok: true; regex: RegExp }
  | { ok: false; reason: 'flags' | 'length' | 'slow' | 'invalid' };

/** Walks the pattern's groups: a quantified group that holds a quantifier or a `|` is slow. */
function slow(source: string): boolean {
  // Per open group: it holds a quantifier or an alternation.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      // \1 … \9 and \k<name>: back-references.
      if (/[1-9k]/.test(source[i + 1] ?? '')) return true;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      if (groups.length > 0 && (c !== '?' || source[i - 1] !== '(')) groups[groups.length - 1] = true;
    } else if (c === ')') {
      const busy = groups.pop() ?? false;
      const next = source[i + 1];
      if (busy && (next === '*' || next === '+' || next === '{')) return true;
      if (busy && groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return false;
}

export function checkPattern(source: string, flags: string): PatternCheck {
  if (!/^[iu]*$/.test(flags) || new Set(flags).size !== flags.length) return { ok: false, reason: 'flags' };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: 'length' };
  if (slow(source)) return { ok: false, reason: 'slow' };
  try {
    return { ok: true, regex: new RegExp(source, flags) };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}
