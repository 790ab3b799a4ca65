// The words of a coding query: brackets, operators, relations, `#codes`, `key:value` fields,
// quoted text and `/patterns/`, each with its place. A mistake that a single token shows (an
// unclosed quote, a sign Kader does not know) is a QueryError; the grammar is parse.ts's.

import { localize } from '../l10n';
import type { Locale } from '../types';
import type { Comparison, QueryError, RelationKind } from './ast';

interface At {
  offset: number;
  length: number;
}

export type Token =
  | (At & { type: 'open' | 'close' })
  | (At & { type: 'and' | 'or' | 'not'; text: string })
  | (At & { type: 'relation'; relation: RelationKind; distance?: number; text: string })
  | (At & { type: 'code'; code: string })
  | (At & { type: 'field'; key: string; comparison: Comparison; value: string; keyText: string })
  | (At & { type: 'text'; value: string })
  | (At & { type: 'pattern'; source: string; flags: string })
  | (At & { type: 'word'; text: string });

/** The longest NEAR distance: more turns than a conversation has. */
export const MAX_DISTANCE = 1000;

const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = { and: 'and', en: 'and', or: 'or', of: 'or', not: 'not', niet: 'not' };
const RELATIONS: Readonly<Record<string, RelationKind>> = { in: 'in', overlaps: 'overlaps', near: 'near', sameturn: 'sameturn', samesection: 'samesection' };

const WORD = /[\p{L}\p{N}_.-]+/uy;
const CODE = /[\p{L}\p{N}_/-]*/uy;
const SPACE = /\s/u;
const COMPARISON = /:?(<=|>=|<|>|=)|:/y;
const DISTANCE = /\/(\d+)/y;
const OPEN_QUOTES = '"“”„';
const CLOSE_QUOTES = '"“”';

function error(offset: number, length: number, message: string): QueryError {
  return { ok: false, message, offset, length };
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** The end of a quoted string starting at `at` (its opening quote), or -1 when it is not closed. */
function quoteEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) if (CLOSE_QUOTES.includes(text[i]!)) return i;
  return -1;
}

/** The end of a `/pattern/` starting at `at`: its closing slash, or -1. Slashes inside `[…]` or after `\` do not close it. */
function patternEnd(text: string, at: number): number {
  let inClass = false;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
  }
  return -1;
}

export function tokenize(text: string, locale: Locale): Token[] | QueryError {
  const t = localize(locale);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'open' : 'close', offset: i, length: 1 });
      i++;
    } else if (c === '#') {
      const code = matchAt(CODE, text, i + 1)![0];
      if (code === '' || code.startsWith('/') || code.endsWith('/') || code.includes('//')) {
        return error(start, 1 + code.length, t('Write a code after #, e.g. #intentie or #intentie/gestuurd.'));
      }
      tokens.push({ type: 'code', code, offset: start, length: 1 + code.length });
      i += 1 + code.length;
    } else if (OPEN_QUOTES.includes(c)) {
      const end = quoteEnd(text, i);
      if (end < 0) return error(start, text.length - start, t('This quote is not closed: end the text with ".'));
      tokens.push({ type: 'text', value: text.slice(i + 1, end), offset: start, length: end + 1 - start });
      i = end + 1;
    } else if (c === '/') {
      const end = patternEnd(text, i);
      if (end < 0) return error(start, text.length - start, t('This pattern is not closed: end it with /.'));
      const flags = matchAt(/[\p{L}\p{N}]*/uy, text, end + 1)![0];
      tokens.push({ type: 'pattern', source: text.slice(i + 1, end), flags, offset: start, length: end + 1 + flags.length - start });
      i = end + 1 + flags.length;
    } else {
      const word = matchAt(WORD, text, i)?.[0];
      if (!word) {
        const sign = String.fromCodePoint(text.codePointAt(i)!);
        return error(start, sign.length, t('Kader does not know the sign {0} here.', sign));
      }
      i += word.length;
      const comparison = matchAt(COMPARISON, text, i);
      if (comparison) {
        i += comparison[0].length;
        const keyText = text.slice(start, i);
        while (i < text.length && SPACE.test(text[i]!)) i++;
        let value: string;
        if (i < text.length && OPEN_QUOTES.includes(text[i]!)) {
          const end = quoteEnd(text, i);
          if (end < 0) return error(i, text.length - i, t('This quote is not closed: end the text with ".'));
          value = text.slice(i + 1, end);
          i = end + 1;
        } else {
          value = matchAt(/[^\s()]*/uy, text, i)![0];
          i += value.length;
        }
        if (value.trim() === '') return error(start, i - start, t('Write a value after {0}, e.g. {1}.', keyText, `${keyText}"…"`));
        const op = (comparison[1] ?? '=') as Comparison;
        tokens.push({ type: 'field', key: word, comparison: op, value: value.trim(), keyText, offset: start, length: i - start });
        continue;
      }
      const lower = word.toLowerCase();
      const operator = OPERATORS[lower];
      const relation = RELATIONS[lower];
      if (operator) tokens.push({ type: operator, text: word, offset: start, length: word.length });
      else if (relation === 'near') {
        const distance = matchAt(DISTANCE, text, i);
        const n = distance ? Number(distance[1]) : 1;
        if (distance) i += distance[0].length;
        if (n > MAX_DISTANCE) return error(start, i - start, t('NEAR takes a distance from 0 to {0} turns, e.g. NEAR/2.', String(MAX_DISTANCE)));
        tokens.push({ type: 'relation', relation, distance: n, text: text.slice(start, i), offset: start, length: i - start });
      } else if (relation) tokens.push({ type: 'relation', relation, text: word, offset: start, length: word.length });
      else tokens.push({ type: 'word', text: word, offset: start, length: word.length });
    }
  }
  return tokens;
}
