// The coding query language (docs/queries.md), parsed: a tree whose every node keeps its place in
// the query text (UTF-16 offset and length), so an error or an editor can point at it.

/** Where a node or an error sits in the query text. */
export interface Place {
  offset: number;
  length: number;
}

/** `=` for `key:value`; the others compare numbers and dates. */
export type Comparison = '=' | '<' | '>' | '<=' | '>=';

/** The relations between fragments of one transcript; the result is the fragments of the left side. */
export type RelationKind = 'in' | 'overlaps' | 'near' | 'sameturn' | 'samesection';

export type QueryNode =
  /** `#code`: the code and its sub-codes. */
  | (Place & { kind: 'code'; code: string })
  /** `practice:NAME`, `coder:NAME`, `speaker:NAME`, `file:PATH` or a front-matter key: `jaar:>2020`. */
  | (Place & { kind: 'field'; key: string; comparison: Comparison; value: string })
  /** `"met bewoners"`: these words, in this order, in the fragment's text (case and accents aside). */
  | (Place & { kind: 'text'; words: string[] })
  /** `/pattern/flags` on the fragment's text. */
  | (Place & { kind: 'pattern'; source: string; flags: string })
  | (Place & { kind: 'and' | 'or'; left: QueryNode; right: QueryNode })
  | (Place & { kind: 'not'; operand: QueryNode })
  /** `distance` for `near` only: within so many turns. */
  | (Place & { kind: 'relation'; relation: RelationKind; distance?: number; left: QueryNode; right: QueryNode });

/** A malformed query: what is wrong, in the asked language, and where. */
export interface QueryError extends Place {
  ok: false;
  message: string;
}

export type ParsedQuery = { ok: true; query: QueryNode } | QueryError;
