// The coding comparison page's script: Open, Keep A, Take B, Compare Again, the guide and the segment overlap,
// each posted to the panel. Bundled into dist/webview/agreement.js.

import { panelPoster } from '../panelApi';
import { isThreshold, type AgreementMessage } from './messages';

const post = panelPoster<AgreementMessage>();

document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const button = target.closest('button[data-action]');
  if (!button) return;
  const action = button.getAttribute('data-action');
  if (action === 'refresh' || action === 'guide') {
    post({ type: action });
    return;
  }
  if (action !== 'open' && action !== 'accept') return;
  const side = button.getAttribute('data-side');
  if (side !== 'a' && side !== 'b') return;
  post({ type: action, id: Number(button.getAttribute('data-id')), side });
});

const threshold = document.getElementById('threshold');
if (threshold instanceof HTMLInputElement) {
  threshold.addEventListener('change', () => {
    const value = Number(threshold.value);
    if (isThreshold(value)) post({ type: 'threshold', value });
  });
}

post({ type: 'ready' });
