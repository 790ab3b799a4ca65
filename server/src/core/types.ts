// The document model of a coded transcript and of a codebook. Plain data only: every value here
// can be sent over JSON-RPC, written to a cache and compared with deepEqual.

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open UTF-16 offsets into the document text (after a byte-order mark). */
export interface Span {
  start: number;
  end: number;
}

/** A span together with the same place as an LSP range. */
export interface Located {
  span: Span;
  range: Range;
}

export type Locale = 'en' | 'nl';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleId =
  | 'unclosed-attributes'
  | 'fragment-without-start'
  | 'empty-fragment'
  | 'stray-attributes'
  | 'unclosed-div'
  | 'unopened-div'
  | 'invalid-code'
  | 'duplicate-code'
  | 'undefined-code'
  | 'undefined-subcode'
  | 'code-case'
  | 'missing-hash'
  | 'front-matter'
  | 'merge-conflict'
  | 'codebook-duplicate'
  | 'codebook-color'
  | 'parse-fallback'
  | 'too-large';

/**
 * A finding in a file. `args` fill the rule's message template (see messages.ts), so the same
 * diagnostic can be shown in English or Dutch without parsing again.
 */
export interface Diagnostic extends Located {
  rule: RuleId;
  severity: Severity;
  args: Record<string, string>;
}

export type FragmentKind = 'inline' | 'block' | 'section' | 'div';

/** One `#code` written in an attribute block. `code` is the path without `#`. */
export interface CodeOccurrence extends Located {
  code: string;
  /** The fragment this occurrence codes, or -1 for a code in a block that codes nothing valid. */
  fragment: number;
}

/** An attribute block, `{…}`, in a coding position. */
export interface AttributeBlock extends Located {
  codes: CodeOccurrence[];
  memo?: string;
  attributes: Record<string, string>;
  /** Bare words (`{intentie}`) that may be a code written without `#`. */
  bareWords: { word: string; span: Span; range: Range }[];
}

export interface Fragment {
  /** Index of this fragment in `Transcript.fragments` (document order of the full range start). */
  id: number;
  kind: FragmentKind;
  /** Distinct code paths without `#`, in written order. */
  codes: string[];
  memo?: string;
  /** Other `key=value` items of the attribute block. */
  attributes: Record<string, string>;
  /** The speaker of the turn in which the fragment starts. */
  speaker?: string;
  /** The content as plain text (SYNTAX.md §7). */
  text: string;
  /** What is coded, without the coding markup around it. */
  content: Located;
  /** The whole fragment, markup included. */
  full: Located;
  /** The coding markup: the spans whose removal leaves the uncoded text. */
  markup: Span[];
  /** The attribute block that codes this fragment. */
  attributeBlock: Span;
  /** The id of the innermost fragment whose full range contains this one, or -1. */
  parent: number;
}

export interface Turn {
  speaker: string;
  /** From the start of the label to the start of the next turn or heading (or the end). */
  span: Span;
  label: Span;
}

export type AttributeValue = string | number | boolean | null | AttributeValue[];

export interface FrontMatter {
  practice?: string;
  coder?: string;
  /** Every other key of the front matter. Dates are written as ISO strings. */
  attributes: Record<string, AttributeValue>;
  participants: string[];
  /**
   * `persons:` (or `personen:`): speaker label → person id, so one person is recognised across
   * transcripts (core/index/speakers.ts); absent when the front matter has none.
   */
  persons?: Record<string, string>;
  /** The transcript's memo: the `memo` key (a YAML block scalar for several lines), trimmed. */
  memo?: string;
  /** The front matter block, fences included; absent when the file has none. */
  span?: Span;
  /** The value of a key (for completion of `practice:` and `coder:`), by key. */
  valueSpans: Record<string, Span>;
}

export interface Heading {
  depth: number;
  text: string;
  span: Span;
}

export interface Transcript {
  /** The text without a byte-order mark. Offsets count into this. */
  length: number;
  lineCount: number;
  frontMatter: FrontMatter;
  headings: Heading[];
  turns: Turn[];
  fragments: Fragment[];
  /** Every code in every coding attribute block, in document order. */
  codes: CodeOccurrence[];
  attributeBlocks: AttributeBlock[];
  /** Syntactic diagnostics (those that need no codebook). */
  diagnostics: Diagnostic[];
}

export interface CodeDefinition {
  /** The code path without `#`. */
  code: string;
  /** The display name: the heading text. */
  name: string;
  color?: string;
  /** Markdown description: everything under the heading up to the next heading. */
  description: string;
  /** Its first paragraph as plain text. */
  shortDescription: string;
  /** The code's memo (Markdown): what is under a `Memo` heading right after the description. */
  memo?: string;
  /** The heading that defines the code (absent for the built-in codebook). */
  definition?: Located;
  /** The `#code` token in the heading. */
  codeToken?: Located;
}

export interface Codebook {
  /** True for the framework codebook that applies when there is no codebook.md. */
  builtIn: boolean;
  title?: string;
  codes: CodeDefinition[];
  diagnostics: Diagnostic[];
}
