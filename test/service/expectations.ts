// Results the in-process tests assert, written once.

import type { Diagnostic } from 'vscode-languageserver-protocol';
import { range } from './harness';

/** The diagnostics of test/fixtures/server/project/tilburg/gesprek-2.md. */
export const TILBURG_DIAGNOSTICS: Diagnostic[] = [
  {
    range: range(4, 53, 4, 64),
    severity: 2,
    code: 'code-case',
    source: 'kader',
    message: '#Activiteit differs only in upper and lower case from #activiteit in the codebook.',
  },
  { range: range(4, 65, 4, 74), severity: 2, code: 'undefined-code', source: 'kader', message: '#onbekend is not in the codebook.' },
  { range: range(6, 35, 6, 46), severity: 2, code: 'duplicate-code', source: 'kader', message: '#activiteit is already given to this fragment.' },
  { range: range(6, 50, 6, 58), severity: 4, code: 'missing-hash', source: 'kader', message: 'Did you mean the code #intentie? Codes start with “#”.' },
];
