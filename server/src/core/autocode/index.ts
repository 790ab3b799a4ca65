// Auto-coding under the researcher's eye: the codings a target asks for, proposed with their
// edits and read back before anything is written.

export { checkAutocode, proposalEdits, proposeCodings, verifyProposals, type AutocodeOptions, type AutocodeResult } from './propose';
export type { AutocodeProposal, AutocodeShape, AutocodeTarget, AutocodeTargetKind } from './target';
export { containsWords, findWords, wordPattern, type WordPattern } from './words';
