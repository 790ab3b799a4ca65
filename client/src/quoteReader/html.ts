// The quote reader's page: the node's quotes in reading order, each with its place (a link that
// opens it), practice, coder, the line of context before it, its turns one per line, its memo and
// codes. Written with the escaping template html`…`: every word of a transcript reaches the page
// as text. A long list comes in pages: the first with the page, the next ones (`quoteItemsHtml`)
// posted to the page's script when asked for.
// No vscode import, so plain Node tests can check it. The page's script is
// client/src/webview/scripts/quoteReader/main.ts.

import type { Locale } from '../../../server/src/core/types';
import { css, html, type SafeHtml } from '../webview/html';
import { webviewPage, type PageOptions } from '../webview/page';
import type { Turn } from './quotes';

/** Quotes per page: the first page comes with the page, each next one when asked for. */
export const PAGE_SIZE = 100;

const WORDS = {
  en: {
    title: 'Quotes',
    quotes: (n: number) => (n === 1 ? '1 quote' : `${n.toLocaleString('en')} quotes`),
    views: { aspects: 'Aspects', practices: 'Practices', levels: 'Learning Level', speakers: 'Speakers', query: 'Query' },
    queryLabel: 'Query',
    queryApply: 'Apply',
    queryReady: 'Press Enter to apply the query.',
    queryHint: 'Only the quotes that match this coding query, e.g. #intentie AND practice:"Leergemeenschap Breda". Empty shows all.',
    choose: 'Choose an aspect, sub-code, practice, level or speaker in a Kader view to read its quotes here.',
    reading: 'Reading the quotes…',
    empty: 'No quotes here.',
    line: (n: number) => `line ${n}`,
    open: (file: string, line: number) => `Open ${file} at line ${line}`,
    before: 'Before',
    memo: 'Memo',
    more: (shown: number, total: number) => `Show more (${shown.toLocaleString('en')} of ${total.toLocaleString('en')} shown)`,
    unreadable: 'The transcript could not be read; the quote as the index has it:',
  },
  nl: {
    title: 'Citaten',
    quotes: (n: number) => (n === 1 ? '1 citaat' : `${n.toLocaleString('nl')} citaten`),
    views: { aspects: 'Aspecten', practices: 'Praktijken', levels: 'Leerniveau', speakers: 'Sprekers', query: 'Zoekvraag' },
    queryLabel: 'Zoekvraag',
    queryApply: 'Toepassen',
    queryReady: 'Druk op Enter om de zoekvraag toe te passen.',
    queryHint: 'Alleen de citaten die bij deze zoekvraag passen, bijv. #intentie AND practice:"Leergemeenschap Breda". Leeg toont alle.',
    choose: 'Kies een aspect, subcode, praktijk, niveau of spreker in een Kader-weergave om de citaten hier te lezen.',
    reading: 'De citaten worden gelezen…',
    empty: 'Hier staan geen citaten.',
    line: (n: number) => `regel ${n}`,
    open: (file: string, line: number) => `${file} openen bij regel ${line}`,
    before: 'Ervoor',
    memo: 'Memo',
    more: (shown: number, total: number) => `Meer tonen (${shown.toLocaleString('nl')} van ${total.toLocaleString('nl')} getoond)`,
    unreadable: 'Het transcript kon niet worden gelezen; het citaat zoals de index het heeft:',
  },
} as const;

export type QuoteReaderWords = (typeof WORDS)[Locale];

export function quoteReaderWords(locale: Locale): QuoteReaderWords {
  return WORDS[locale];
}

/** One quote as the page shows it. */
export interface QuoteItem {
  /** Its place in the panel's list: what the page sends back to open it. */
  index: number;
  path: string;
  /** 1-based. */
  line: number;
  speaker?: string;
  coder?: string;
  practice?: string;
  memo?: string;
  codes: readonly string[];
  context: string;
  turns: readonly Turn[];
  /** The transcript could not be read: `turns` is the index's text in one line. */
  unreadable?: boolean;
}

/** The query box at the top: the query that filters the quotes, and what is wrong with it. */
export interface QueryBox {
  value: string;
  error?: string;
  /** The page was made after the query was applied: the box keeps the focus. */
  focus?: true;
}

/** What the page is about: nothing chosen yet, being read, or a node's (or a query's) quotes. */
export type QuoteReaderState = (
  | { kind: 'choose' }
  | { kind: 'reading'; label: string; view: keyof QuoteReaderWords['views'] }
  | { kind: 'quotes'; label: string; view: keyof QuoteReaderWords['views']; total: number; items: readonly QuoteItem[]; codeMemo?: string }
) & { query?: QueryBox };

/** The query box: checked by the panel as it is typed (the page's script asks), applied on Enter. */
function queryBoxHtml(box: QueryBox | undefined, w: QuoteReaderWords): SafeHtml {
  const value = box?.value ?? '';
  const error = box?.error;
  return html`<form id="query-form" class="query" role="search">\
<label for="query">${w.queryLabel}</label>\
<input id="query" type="text" value="${value}" placeholder="#intentie AND practice:&quot;…&quot;" spellcheck="false" autocomplete="off" aria-describedby="query-status query-hint"${error ? html` aria-invalid="true"` : []}${box?.focus ? html` autofocus` : []}>\
<button type="submit" class="apply">${w.queryApply}</button>\
<p id="query-status" class="query-status${error ? html` error` : []}" role="status">${error ?? ''}</p>\
<p id="query-hint" class="visually-hidden">${w.queryHint}</p>\
</form>`;
}

function fileOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function turnHtml(turn: Turn): SafeHtml {
  if (turn.heading) return html`<p class="turn heading">${turn.text}</p>`;
  return turn.speaker === undefined
    ? html`<p class="turn">${turn.text}</p>`
    : html`<p class="turn"><span class="speaker">${turn.speaker}:</span> ${turn.text}</p>`;
}

/** One quote: its place as a link, practice and coder; the context; the turns; memo and codes. */
export function quoteItemHtml(item: QuoteItem, w: QuoteReaderWords): SafeHtml {
  const details = [item.practice, item.coder].filter((d): d is string => Boolean(d));
  const where = html`<button type="button" class="link" data-open="${item.index}" title="${w.open(item.path, item.line)}">${fileOf(item.path)}</button> <span class="line">${w.line(item.line)}</span>`;
  return html`<li class="quote">\
<div class="meta">${where}${details.map((d) => html` · <span>${d}</span>`)}</div>\
${item.context ? html`<p class="context"><span class="visually-hidden">${w.before}: </span>${item.context}</p>` : []}\
${item.unreadable ? html`<p class="note">${w.unreadable}</p>` : []}\
<blockquote data-open="${item.index}">${item.turns.map(turnHtml)}</blockquote>\
${item.memo ? html`<p class="memo"><span class="memo-label">${w.memo}:</span> ${item.memo}</p>` : []}\
${item.codes.length ? html`<p class="codes">${item.codes.map((c, i) => html`${i ? ' ' : ''}<code>#${c}</code>`)}</p>` : []}\
</li>`;
}

/** A page of quotes, as the list's items (the first page in the page, the next ones posted). */
export function quoteItemsHtml(items: readonly QuoteItem[], w: QuoteReaderWords): string {
  return html`${items.map((item) => quoteItemHtml(item, w))}`.toString();
}

const STYLE = css`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.3em; font-weight: 600; margin: 16px 0 2px; overflow-wrap: anywhere; }
.summary, .hint { color: var(--vscode-descriptionForeground); margin: 0 0 12px; }
ol { list-style: none; padding: 0; margin: 0; max-width: 60em; }
.quote { padding: 10px 0 12px; border-top: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8884)); content-visibility: auto; contain-intrinsic-size: auto 8em; }
.meta { color: var(--vscode-descriptionForeground); font-size: 0.92em; overflow-wrap: anywhere; }
.meta .line { color: var(--vscode-descriptionForeground); }
button { font: inherit; cursor: pointer; }
button.link { background: none; border: none; color: var(--vscode-textLink-foreground); padding: 0; text-decoration: underline; }
button.link:hover { color: var(--vscode-textLink-activeForeground); }
button.more { margin-top: 12px; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; border-radius: 2px; }
button.more:hover { background: var(--vscode-button-secondaryHoverBackground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.context { color: var(--vscode-descriptionForeground); font-style: italic; margin: 6px 0 2px; overflow-wrap: anywhere; }
blockquote { margin: 4px 0; padding: 2px 0 2px 12px; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-contrastBorder, #8888)); cursor: pointer; }
blockquote:hover { border-left-color: var(--vscode-focusBorder); }
.turn { margin: 3px 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.turn.heading { font-weight: 600; }
.speaker { font-weight: 600; }
.memo { margin: 6px 0 0; overflow-wrap: anywhere; }
.code-memo { margin: 0 0 12px; padding: 4px 10px; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-contrastBorder, #8888)); white-space: pre-wrap; overflow-wrap: anywhere; }
.memo-label { font-weight: 600; }
.note { color: var(--vscode-descriptionForeground); margin: 4px 0 0; }
.codes { margin: 4px 0 0; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
code { font-family: var(--vscode-editor-font-family); color: inherit; background: var(--vscode-textCodeBlock-background, transparent); padding: 0 3px; border-radius: 2px; }
body.vscode-high-contrast code { background: transparent; border: 1px solid var(--vscode-contrastBorder, transparent); }
.query { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 12px 0 0; max-width: 60em; }
.query label { font-weight: 600; }
.query input { flex: 1 1 16em; min-width: 0; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-font-size); color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent)); padding: 3px 6px; border-radius: 2px; }
.query input:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.query input[aria-invalid="true"] { border-color: var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); }
button.apply { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 12px; border-radius: 2px; }
button.apply:hover { background: var(--vscode-button-hoverBackground); }
.query-status { flex-basis: 100%; margin: 0; min-height: 1.4em; color: var(--vscode-descriptionForeground); font-size: 0.92em; overflow-wrap: anywhere; }
.query-status.error { color: var(--vscode-errorForeground); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** The whole page. */
export function quoteReaderHtml(state: QuoteReaderState, options: PageOptions): string {
  const w = WORDS[options.locale];
  let body: SafeHtml;
  const box = queryBoxHtml(state.query, w);
  switch (state.kind) {
    case 'choose':
      body = html`${box}<h1>${w.title}</h1><p class="hint">${w.choose}</p>`;
      break;
    case 'reading':
      body = html`${box}<h1>${state.label}</h1><p class="summary">${w.views[state.view]}</p><p class="hint" role="status">${w.reading}</p>`;
      break;
    case 'quotes': {
      const shown = state.items.length;
      const more = shown < state.total ? html`<button type="button" class="more" data-action="more">${w.more(shown, state.total)}</button>` : [];
      body = html`${box}<h1>${state.label}</h1>\
<p class="summary">${w.views[state.view]} · ${w.quotes(state.total)}</p>\
${state.codeMemo ? html`<p class="code-memo"><span class="memo-label">${w.memo}:</span> ${state.codeMemo}</p>` : []}\
${state.total === 0 ? html`<p class="hint">${w.empty}</p>` : []}\
<ol id="quotes">${state.items.map((item) => quoteItemHtml(item, w))}</ol>${more}`;
      break;
    }
  }
  return webviewPage(options, { title: state.kind === 'choose' ? w.title : `${w.title}: ${state.label}`, style: STYLE, body });
}
