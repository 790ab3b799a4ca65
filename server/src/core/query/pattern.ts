// A `/pattern/` of a query as a RegExp, or the reason it is refused. JavaScript cannot stop a
// regular expression once it runs, so the patterns that can take long on a long fragment are
// refused (see `slow`), and a pattern is short.

/** The longest pattern: enough for a few alternatives of words. */
export const MAX_PATTERN_LENGTH = 100;

export type PatternCheck =
  | { ok: true; regex: RegExp }
  | { ok: false; reason: 'flags' | 'length' | 'slow' | 'invalid' };

/** The most repeats of a stretch that can hold spaces: `.{0,100}`. */
const MAX_SPAN = 100;
/** The most unbounded repeats (`*`, `+`, `{n,}`) of anything. */
const MAX_UNBOUNDED = 3;

/**
 * Whether a pattern may backtrack for long on a long fragment. JavaScript tries every start and
 * every split: `.*.*x` on 2,000 characters takes seconds. Refused: a quantified group that holds
 * a quantifier or a `|`, a back-reference, an unbounded repeat of something that can match a space
 * (`.`, `\s`, `[^…]`, a group), more than one bounded such repeat or one longer than 100, and more
 * than three unbounded repeats in all.
 */
function slow(source: string): boolean {
  // Per open group: it holds a quantifier or an alternation.
  const groups: boolean[] = [];
  let inClass = false;
  let classStart = 0;
  /** The last atom can match a space (or is a group). */
  let spanning = false;
  let spans = 0;
  let unbounded = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') {
        inClass = false;
        const body = source.slice(classStart + 1, i);
        spanning = body.startsWith('^') || / |\\s|\\W|\\D|\\S/.test(body);
      }
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      // \1 … \9 and \k<name>: back-references.
      if (/[1-9k]/.test(next)) return true;
      spanning = /[sSWDbB]/.test(next);
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      spanning = false;
      continue;
    }
    if (c === ')') {
      const busy = groups.pop() ?? false;
      const next = source[i + 1];
      if (busy && (next === '*' || next === '+' || next === '{')) return true;
      if (busy && groups.length > 0) groups[groups.length - 1] = true;
      spanning = true;
      continue;
    }
    if (c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      if (groups.length > 0 && (c !== '?' || source[i - 1] !== '(')) groups[groups.length - 1] = true;
      if (c === '*' || c === '+') {
        if (spanning || ++unbounded > MAX_UNBOUNDED) return true;
      } else if (c === '{') {
        const repeat = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (repeat) {
          const most = repeat[2] === undefined ? Number(repeat[1]) : repeat[3] === '' ? Infinity : Number(repeat[3]);
          if (most === Infinity && (spanning || ++unbounded > MAX_UNBOUNDED)) return true;
          if (spanning && (most > MAX_SPAN || ++spans > 1)) return true;
          i += repeat[0].length - 1;
        }
      }
      spanning = false;
      continue;
    }
    spanning = c === '.' || c === ' ';
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
