// The memo editor page: the fragment's words, codes and place, the memo in a textarea, every
// foreign word escaped; the page's messages are checked before the panel acts on them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoEditorHtml } from '../../client/src/memos/editorHtml';
import { isMemoMessage, MAX_MEMO_LENGTH } from '../../client/src/webview/scripts/memo/messages';

const WORDS = { title: 'Memo', label: 'Memo on this fragment', hint: 'Empty removes it.', save: 'Save', cancel: 'Cancel' };
const OPTIONS = { nonce: 'abc', cspSource: 'vscode-webview:', locale: 'en' as const, scriptUri: 'vscode-webview://x/dist/webview/memo.js' };

describe('memo editor page', () => {
  test('the body: quote, codes and place, the memo in the textarea, escaped', () => {
    const page = memoEditorHtml({ text: 'Ik <b>kwam</b>', codes: ['intentie', 'context/macht'], place: 'gesprek-1.md:13', memo: 'regel 1\n</textarea><script>x</script>' }, WORDS, OPTIONS);
    const body = page.slice(page.indexOf('<body>') + 7, page.indexOf('<script nonce'));
    assert.equal(
      body,
      '<h1>Memo</h1><blockquote>Ik &lt;b&gt;kwam&lt;/b&gt;</blockquote><p class="meta"><code>#intentie</code> <code>#context/macht</code> · gesprek-1.md:13</p>' +
        '<label for="memo">Memo on this fragment</label><textarea id="memo" spellcheck="true">regel 1\n&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>' +
        '<p class="hint">Empty removes it.</p><div class="buttons"><button type="button" class="primary" id="save">Save</button><button type="button" class="secondary" id="cancel">Cancel</button></div>\n',
    );
    assert.match(page, /<script nonce="abc" src="vscode-webview:\/\/x\/dist\/webview\/memo\.js"><\/script>/);
  });

  test('messages: ready, cancel, and save with a string memo no longer than the limit', () => {
    assert.equal(isMemoMessage({ type: 'ready' }), true);
    assert.equal(isMemoMessage({ type: 'cancel' }), true);
    assert.equal(isMemoMessage({ type: 'save', memo: 'a\nb' }), true);
    assert.equal(isMemoMessage({ type: 'save', memo: 3 }), false);
    assert.equal(isMemoMessage({ type: 'save', memo: 'x'.repeat(MAX_MEMO_LENGTH + 1) }), false);
    assert.equal(isMemoMessage({ type: 'open' }), false);
    assert.equal(isMemoMessage(null), false);
  });
});
