// The one way into the parser: text in, model out. Modules outside core/parse import from here
// (test/unit/architecture.test.ts checks it); what is not exported is the parser's own business.

export { scanAttributeBlock } from './attributes';
export { byPlace, checkCodes, codeLookup, transcriptDiagnostics, type CodeLookup } from './check';
export { REMARK_BUDGET } from './chunk';
export { builtInCodebook, parseCodebook, readCodebookChunk } from './codebook';
export { emptyFrontMatter, MAX_FRONT_MATTER_DEPTH, nestingBeyond } from './frontmatter';
export { inFencedCode } from './lines';
export { PieceText } from './pieceText';
export { isPlainParagraph, plainSource, type PlainSource } from './plainSource';
export { LineIndex, stripBom } from './text';
export { ParseCache, parseTranscript, parseTranscriptRoughly, type TextChange } from './transcript';
