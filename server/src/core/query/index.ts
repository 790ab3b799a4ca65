// Coding queries (docs/queries.md): one parser and one evaluator, for the views, the quote reader,
// the CLI and auto-coding alike.

export type { Comparison, ParsedQuery, Place, QueryError, QueryNode, RelationKind } from './ast';
export { parseQuery, MAX_DEPTH, MAX_QUERY_LENGTH } from './parse';
export { MAX_PATTERN_LENGTH } from './pattern';
export { countedOnce, documentsInScope, evaluateQuery, queryMatches, valueMatches, type DocumentMatches, type QueryScope } from './evaluate';
