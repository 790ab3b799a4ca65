// The quote reader page's script: a click on a quote's place or words opens it in its transcript;
// Show More asks for the next page of quotes and adds it to the list; the query box asks the panel
// to check the query as it is typed and applies it on Enter. Bundled into dist/webview/quoteReader.js.

import { panelPoster } from '../panelApi';
import { MAX_QUERY_LENGTH, isCheckedMessage, isItemsMessage, type QuoteReaderMessage } from './messages';

const post = panelPoster<QuoteReaderMessage>();

document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const more = target.closest('button[data-action="more"]');
  if (more instanceof HTMLButtonElement) {
    more.disabled = true;
    post({ type: 'more' });
    return;
  }
  // Selecting words in a quote to copy them is not a click to open it.
  if (target.closest('blockquote') && (window.getSelection()?.toString() ?? '') !== '') return;
  const open = target.closest('[data-open]');
  const index = Number(open?.getAttribute('data-open'));
  if (open && Number.isSafeInteger(index)) post({ type: 'open', index });
});

const queryInput = document.getElementById('query');
const queryStatus = document.getElementById('query-status');
let checkTimer: ReturnType<typeof setTimeout> | undefined;

if (queryInput instanceof HTMLInputElement) {
  queryInput.maxLength = MAX_QUERY_LENGTH;
  queryInput.addEventListener('input', () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(() => post({ type: 'check', query: queryInput.value }), 200);
  });
  if (queryInput.autofocus) {
    queryInput.focus();
    queryInput.setSelectionRange(queryInput.value.length, queryInput.value.length);
  }
}

/** Enter in the box or Apply: the quotes are read again under the query. */
function applyQuery(event: Event): void {
  event.preventDefault();
  clearTimeout(checkTimer);
  if (queryInput instanceof HTMLInputElement) post({ type: 'query', query: queryInput.value });
}

// The page's policy sends no form anywhere (form-action 'none'): Enter and Apply post the query instead.
document.getElementById('query-form')?.addEventListener('submit', applyQuery);
queryInput?.addEventListener('keydown', (event) => {
  if (event instanceof KeyboardEvent && event.key === 'Enter' && !event.isComposing) applyQuery(event);
});
document.querySelector('button.apply')?.addEventListener('click', applyQuery);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (isCheckedMessage(message)) {
    if (!(queryInput instanceof HTMLInputElement) || !queryStatus || message.query !== queryInput.value) return;
    queryStatus.textContent = message.error ?? message.status;
    queryStatus.classList.toggle('error', message.error !== null);
    if (message.error === null) queryInput.removeAttribute('aria-invalid');
    else queryInput.setAttribute('aria-invalid', 'true');
    return;
  }
  if (!isItemsMessage(message)) return;
  const list = document.getElementById('quotes');
  const more = document.querySelector('button[data-action="more"]');
  if (!list) return;
  const first = list.children.length;
  // The panel's markup: its html`…` template escaped every word of the transcripts.
  list.insertAdjacentHTML('beforeend', message.html);
  if (more instanceof HTMLButtonElement) {
    if (message.more === null) more.remove();
    else {
      more.textContent = message.more;
      more.disabled = false;
    }
  }
  list.children[first]?.querySelector<HTMLElement>('button.link')?.focus();
});

post({ type: 'ready' });
