// The memo editor page's script: Save (or Ctrl+Enter) posts the textarea's text, Cancel (or
// Escape) closes the editor. Bundled into dist/webview/memo.js.

import { panelPoster } from '../panelApi';
import { MAX_MEMO_LENGTH, type MemoMessage } from './messages';

const post = panelPoster<MemoMessage>();
const memo = document.getElementById('memo');

const save = (): void => {
  if (memo instanceof HTMLTextAreaElement) post({ type: 'save', memo: memo.value });
};

if (memo instanceof HTMLTextAreaElement) {
  memo.maxLength = MAX_MEMO_LENGTH;
  memo.focus();
  memo.setSelectionRange(memo.value.length, memo.value.length);
  memo.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      post({ type: 'cancel' });
    }
  });
}

document.getElementById('save')?.addEventListener('click', save);
document.getElementById('cancel')?.addEventListener('click', () => post({ type: 'cancel' }));
post({ type: 'ready' });
