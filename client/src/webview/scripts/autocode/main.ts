// The auto-coding preview page's script: the checkboxes, Select all / none, the count of chosen
// matches and the button's label; Code posts the chosen matches, Cancel closes; a click on a
// match's place opens it. Bundled into dist/webview/autocode.js.

import { panelPoster } from '../panelApi';
import type { AutocodeMessage } from './messages';

const post = panelPoster<AutocodeMessage>();
const lang = document.documentElement.lang || 'en';
const bar = document.querySelector<HTMLElement>('.bar');
const count = document.querySelector<HTMLElement>('.count');
const apply = document.querySelector<HTMLButtonElement>('button[data-action="apply"]');

function boxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>('#matches input[type="checkbox"]:not([disabled])')];
}

function fill(template: string, n: number, total: number): string {
  return template.replace('{n}', n.toLocaleString(lang)).replace('{total}', total.toLocaleString(lang));
}

function update(): void {
  const all = boxes();
  const chosen = all.filter((b) => b.checked).length;
  if (count && bar) count.textContent = fill(bar.dataset['chosen'] ?? '', chosen, all.length);
  if (apply && bar) {
    apply.textContent = fill((chosen === 1 ? bar.dataset['codeOne'] : bar.dataset['code']) ?? '', chosen, all.length);
    apply.disabled = chosen === 0;
  }
}

document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLInputElement) update();
});

document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const action = target.closest('button[data-action]')?.getAttribute('data-action');
  if (action === 'all' || action === 'none') {
    for (const box of boxes()) box.checked = action === 'all';
    update();
    return;
  }
  if (action === 'apply') {
    const chosen = boxes()
      .filter((b) => b.checked)
      .map((b) => Number(b.dataset['index']));
    for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-action]')) button.disabled = true;
    post({ type: 'apply', chosen });
    return;
  }
  if (action === 'cancel') {
    post({ type: 'cancel' });
    return;
  }
  const open = target.closest('[data-open]');
  const index = Number(open?.getAttribute('data-open'));
  if (open && Number.isSafeInteger(index)) post({ type: 'open', index });
});

post({ type: 'ready' });
