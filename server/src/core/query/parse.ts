// The grammar of a coding query (docs/queries.md), loosest first:
//
//   query    := and (OR and)*
//   and      := not (AND not)*
//   not      := NOT not | relation
//   relation := primary ((IN | OVERLAPS | NEAR/n | SAMETURN | SAMESECTION) (primary | NOT not))*
//   primary  := #code | key:value | "words" | /pattern/ | ( query )
//
// Any text parses to a query or to a QueryError with its place, never an exception: the depth of
// brackets and NOTs and the length of the query are bounded.

import { foldedWords } from '../privacy/fold';
import { localize, type Translate } from '../l10n';
import type { Locale } from '../types';
import type { ParsedQuery, QueryError, QueryNode } from './ast';
import { checkPattern, MAX_PATTERN_LENGTH } from './pattern';
import { tokenize, type Token } from './tokens';

/** The longest query: far more than a researcher writes, short enough to parse in a blink. */
export const MAX_QUERY_LENGTH = 10_000;
/** How deep brackets and NOTs may nest. */
export const MAX_DEPTH = 100;

/** The keys that are not front-matter keys, with their Dutch names. */
const SPECIAL_KEYS: Readonly<Record<string, 'practice' | 'coder' | 'speaker' | 'file'>> = {
  file: 'file',
  bestand: 'file',
  practice: 'practice',
  praktijk: 'practice',
  coder: 'coder',
  codeur: 'coder',
  speaker: 'speaker',
  spreker: 'speaker',
};

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

/** The end of a node or token. */
function end(at: { offset: number; length: number }): number {
  return at.offset + at.length;
}

class Failure {
  constructor(readonly error: QueryError) {}
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
    locale: Locale,
  ) {
    this.t = localize(locale);
  }

  private readonly t: Translate;

  private fail(place: { offset: number; length: number }, message: string): never {
    throw new Failure({ ok: false, message, offset: place.offset, length: place.length });
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private deeper(place: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(place, this.t('This query nests too deep: at most {0} brackets or NOTs inside each other.', String(MAX_DEPTH)));
  }

  whole(): QueryNode {
    if (this.tokens.length === 0) {
      this.fail({ offset: 0, length: this.text.length }, this.t('The query is empty: write a code (#intentie), a field (practice:"Leergemeenschap Breda") or words in quotes ("met bewoners").'));
    }
    const query = this.or();
    const rest = this.peek();
    if (rest) this.leftOver(rest);
    return query;
  }

  private leftOver(token: Token): never {
    if (token.type === 'close') this.fail(token, this.t('This bracket closes nothing.'));
    if (token.type === 'not') this.fail(token, this.t('Write AND NOT or OR NOT: {0} joins nothing by itself.', token.text));
    if (token.type === 'word') this.fail(token, this.t('Write words to search for in quotes ("{0}") or a code with # (#{0}).', token.text));
    this.fail(token, this.t('Put AND or OR between two terms.'));
  }

  private or(after?: Token): QueryNode {
    let left = this.and(after);
    for (let token = this.peek(); token?.type === 'or'; token = this.peek()) {
      this.at++;
      const right = this.and(token);
      left = { kind: 'or', left, right, offset: left.offset, length: end(right) - left.offset };
    }
    return left;
  }

  private and(after?: Token): QueryNode {
    let left = this.not(after);
    for (let token = this.peek(); token?.type === 'and'; token = this.peek()) {
      this.at++;
      const right = this.not(token);
      left = { kind: 'and', left, right, offset: left.offset, length: end(right) - left.offset };
    }
    return left;
  }

  private not(after?: Token): QueryNode {
    const token = this.peek();
    if (token?.type !== 'not') return this.relation(after);
    this.at++;
    this.deeper(token);
    const operand = this.not(token);
    this.depth--;
    return { kind: 'not', operand, offset: token.offset, length: end(operand) - token.offset };
  }

  private relation(after?: Token): QueryNode {
    let left = this.primary(after);
    for (let token = this.peek(); token?.type === 'relation'; token = this.peek()) {
      this.at++;
      // `#a IN NOT #b`: the fragments of #a inside a fragment without #b.
      const right = this.peek()?.type === 'not' ? this.not(token) : this.primary(token);
      const node: QueryNode = { kind: 'relation', relation: token.relation, left, right, offset: left.offset, length: end(right) - left.offset };
      if (token.distance !== undefined) node.distance = token.distance;
      left = node;
    }
    return left;
  }

  /** A term or a bracketed query; `after` is the operator or bracket before it, if any. */
  private primary(after: Token | undefined): QueryNode {
    const token = this.peek();
    if (!token || token.type === 'close' || token.type === 'and' || token.type === 'or' || token.type === 'relation') {
      if (after?.type === 'open') this.fail(after, this.t('Write something between the brackets.'));
      if (after && 'text' in after) this.fail(after, this.t('{0} needs a term after it.', after.text));
      if (token?.type === 'close') this.fail(token, this.t('This bracket closes nothing.'));
      if (token && 'text' in token) this.fail(token, this.t('{0} needs a term before it.', token.text));
      this.fail({ offset: this.text.length, length: 0 }, this.t('The query ends too soon.'));
    }
    this.at++;
    switch (token.type) {
      case 'open': {
        this.deeper(token);
        const inner = this.or(token);
        this.depth--;
        const close = this.peek();
        if (close?.type !== 'close') {
          if (close) this.leftOver(close);
          this.fail(token, this.t('This bracket is not closed.'));
        }
        this.at++;
        return { ...inner, offset: token.offset, length: end(close) - token.offset };
      }
      case 'code':
        return { kind: 'code', code: token.code, offset: token.offset, length: token.length };
      case 'text': {
        const words = foldedWords(token.value);
        if (words.length === 0) this.fail(token, this.t('Write a word or phrase between the quotes.'));
        return { kind: 'text', words, offset: token.offset, length: token.length };
      }
      case 'pattern':
        return this.pattern(token);
      case 'field':
        return this.field(token);
      case 'word':
        return this.fail(token, this.t('Write words to search for in quotes ("{0}") or a code with # (#{0}).', token.text));
      default:
        // NOT is read by not(): it never reaches here.
        return this.fail(token, this.t('Put AND or OR between two terms.'));
    }
  }

  private pattern(token: Extract<Token, { type: 'pattern' }>): QueryNode {
    const check = checkPattern(token.source, token.flags);
    if (!check.ok) {
      if (check.reason === 'flags') this.fail(token, this.t('A pattern takes the flags i and u only, e.g. /bewoner(s)?/i.'));
      if (check.reason === 'length') this.fail(token, this.t('This pattern is too long: at most {0} characters.', String(MAX_PATTERN_LENGTH)));
      if (check.reason === 'slow') this.fail(token, this.t('This pattern could take very long to search (.* or \\s+, a repeated group that repeats inside, a back-reference): write .{0,50} for a stretch of text, or join two patterns or quoted words with AND.'));
      this.fail(token, this.t('This is not a valid pattern (regular expression).'));
    }
    return { kind: 'pattern', source: token.source, flags: token.flags, offset: token.offset, length: token.length };
  }

  private field(token: Extract<Token, { type: 'field' }>): QueryNode {
    const special = SPECIAL_KEYS[token.key.toLowerCase()];
    const key = special ?? token.key;
    if (token.comparison !== '=') {
      if (special) this.fail(token, this.t('{0} takes a name, not a comparison.', token.keyText.replace(/[<>=]+$/, '')));
      if (!NUMBER.test(token.value) && !DATE.test(token.value)) {
        this.fail(token, this.t('Only numbers and dates compare with < and >, e.g. jaar:>=2 or date:<2021-01-01.'));
      }
    }
    return { kind: 'field', key, comparison: token.comparison, value: token.value, offset: token.offset, length: token.length };
  }
}

/** The query `text` as a tree, or what is wrong with it and where (in the language of `locale`). */
export function parseQuery(text: string, locale: Locale): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    return { ok: false, message: localize(locale)('This query is too long: at most {0} characters.', String(MAX_QUERY_LENGTH)), offset: MAX_QUERY_LENGTH, length: text.length - MAX_QUERY_LENGTH };
  }
  const tokens = tokenize(text, locale);
  if (!Array.isArray(tokens)) return tokens;
  try {
    return { ok: true, query: new Parser(tokens, text, locale).whole() };
  } catch (error) {
    if (error instanceof Failure) return error.error;
    throw error;
  }
}
