// What auto-coding codes: every occurrence of a phrase, every turn of a speaker, every paragraph
// under a heading whose text matches, or every fragment a coding query matches.

import type { Range, Span } from '../types';
import type { TextEdit } from '../edits';

export type AutocodeTargetKind = 'phrase' | 'speaker' | 'heading' | 'query';

export interface AutocodeTarget {
  kind: AutocodeTargetKind;
  /** The phrase, the speaker's name, the words of the heading, or the query. */
  text: string;
}

/** How a match is coded: a new inline or block fragment, or the code added to a fragment there. */
export type AutocodeShape = 'inline' | 'block' | 'addCode';

/** One proposed coding: what it codes, where, with its line of context and the edits that code it. */
export interface AutocodeProposal {
  /** What is coded: the occurrence, the paragraph, the fragment's content. */
  span: Span;
  range: Range;
  /** The matched words with a little of the line around them (one line, white space collapsed). */
  context: { before: string; text: string; after: string };
  /** Already coded with the code (by this or a fragment around it): nothing to do. */
  alreadyCoded: boolean;
  shape: AutocodeShape;
  /** Empty when already coded. */
  edits: TextEdit[];
}
