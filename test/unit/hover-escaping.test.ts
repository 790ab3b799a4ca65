import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hoverText } from '../../server/src/service/hover';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { Folder } from '../../server/src/workspace/workspaceFolders';

describe('hover on a code', () => {
  test('a practice name is text in the hover: no link, no remote image', () => {
    const folder = new Folder('file:///tmp/kader-hover', 'kader-hover', 'en');
    const practice = '[klik](javascript:alert(1)) ![i](https://e.nl/x.png)';
    folder.index.set('a.md', 'a.md', parseTranscript(`---\npractice: "${practice}"\n---\n[ja]{#intentie}\n`));
    const markdown = hoverText(folder, 'intentie', 'en');
    assert.ok(markdown.endsWith(String.raw`: \[klik\]\(javascript:alert(1)) !\[i\]\(https://e.nl/x.png) (1)`), markdown);
    assert.ok(hoverText(folder, 'intentie', 'en', false).endsWith(`: ${practice} (1)`));
  });
});
