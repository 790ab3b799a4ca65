// The memo editor page: the fragment the memo is about (its words, codes and place), a textarea
// holding the memo, Save and Cancel. Written with the escaping template html`…`: the fragment's
// words and the memo reach the page as text. No vscode import, so plain Node tests can check it;
// the words come from the panel (client/src/l10n.ts). The page's script is
// client/src/webview/scripts/memo/main.ts.

import { css, html } from '../webview/html';
import { webviewPage, type PageOptions } from '../webview/page';

export interface MemoEditorWords {
  title: string;
  label: string;
  hint: string;
  save: string;
  cancel: string;
}

export interface MemoEditorState {
  /** The fragment's words, as the tree shows them. */
  text: string;
  codes: readonly string[];
  /** Where: the file name and line. */
  place: string;
  memo: string;
}

const STYLE = css`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.2em; font-weight: 600; margin: 16px 0 6px; }
blockquote { margin: 0 0 6px; padding: 4px 12px; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-contrastBorder, #8888)); background: var(--vscode-textBlockQuote-background, transparent); overflow-wrap: anywhere; max-height: 8em; overflow: auto; }
.meta { color: var(--vscode-descriptionForeground); margin: 0 0 14px; overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); }
label { display: block; font-weight: 600; margin-bottom: 4px; }
textarea { display: block; box-sizing: border-box; width: 100%; max-width: 60em; min-height: 12em; resize: vertical; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.45; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent)); padding: 6px 8px; border-radius: 2px; }
textarea:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.hint { color: var(--vscode-descriptionForeground); margin: 6px 0 12px; }
.buttons { display: flex; gap: 8px; }
button { font: inherit; cursor: pointer; padding: 4px 14px; border-radius: 2px; border: 1px solid var(--vscode-button-border, transparent); }
button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
`;

/** The whole page. */
export function memoEditorHtml(state: MemoEditorState, words: MemoEditorWords, options: PageOptions): string {
  const body = html`<h1>${words.title}</h1>\
<blockquote>${state.text}</blockquote>\
<p class="meta">${state.codes.map((c, i) => html`${i > 0 ? ' ' : ''}<code>#${c}</code>`)} · ${state.place}</p>\
<label for="memo">${words.label}</label>\
<textarea id="memo" spellcheck="true">${state.memo}</textarea>\
<p class="hint">${words.hint}</p>\
<div class="buttons"><button type="button" class="primary" id="save">${words.save}</button><button type="button" class="secondary" id="cancel">${words.cancel}</button></div>`;
  return webviewPage(options, { title: words.title, style: STYLE, body });
}
