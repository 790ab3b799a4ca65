// The auto-coding preview page: what is coded with which code, and every match with a checkbox,
// its place (a link that opens it) and its line of context with the matched words marked. Select
// all / none, the count of chosen matches, and the button that codes them; nothing is written
// before that button. Written with the escaping template html`…`: every word of a transcript
// reaches the page as text. No vscode import, so plain Node tests can check it. The page's
// script is client/src/webview/scripts/autocode/main.ts.

import type { Locale } from '../../../server/src/core/types';
import type { AutocodeMatch, AutocodeTarget } from '../../../server/src/protocol';
import { css, html, type SafeHtml } from '../webview/html';
import { webviewPage, type PageOptions } from '../webview/page';

const WORDS = {
  en: {
    title: 'Auto-code',
    kinds: { phrase: 'Words', speaker: 'Speaker', heading: 'Heading', query: 'Query' },
    matches: (n: number) => (n === 1 ? '1 match' : `${n.toLocaleString('en')} matches`),
    transcripts: (n: number) => (n === 1 ? 'in 1 transcript' : `in ${n.toLocaleString('en')} transcripts`),
    already: (n: number) => `${n.toLocaleString('en')} coded already`,
    skipped: (n: number) => `${n.toLocaleString('en')} inside code or markup, left alone`,
    all: 'Select all',
    none: 'Select none',
    chosen: '{n} of {total} chosen',
    code: 'Code {n} matches',
    codeOne: 'Code 1 match',
    cancel: 'Cancel',
    line: (n: number) => `line ${n}`,
    open: (file: string, line: number) => `Open ${file} at line ${line}`,
    codedAlready: 'coded already',
    addsTo: 'code added to the fragment',
    hint: 'Nothing is written until you press the button; Undo takes it all back at once.',
    working: 'Coding the chosen matches…',
    none_found: 'Nothing matches.',
  },
  nl: {
    title: 'Automatisch coderen',
    kinds: { phrase: 'Woorden', speaker: 'Spreker', heading: 'Kop', query: 'Zoekvraag' },
    matches: (n: number) => (n === 1 ? '1 treffer' : `${n.toLocaleString('nl')} treffers`),
    transcripts: (n: number) => (n === 1 ? 'in 1 transcript' : `in ${n.toLocaleString('nl')} transcripten`),
    already: (n: number) => `${n.toLocaleString('nl')} al gecodeerd`,
    skipped: (n: number) => `${n.toLocaleString('nl')} in code of opmaak, niet aangeraakt`,
    all: 'Alles kiezen',
    none: 'Niets kiezen',
    chosen: '{n} van {total} gekozen',
    code: '{n} treffers coderen',
    codeOne: '1 treffer coderen',
    cancel: 'Annuleren',
    line: (n: number) => `regel ${n}`,
    open: (file: string, line: number) => `${file} openen bij regel ${line}`,
    codedAlready: 'al gecodeerd',
    addsTo: 'code toegevoegd aan het fragment',
    hint: 'Er wordt niets geschreven tot u op de knop drukt; Ongedaan maken neemt alles in één keer terug.',
    working: 'De gekozen treffers worden gecodeerd…',
    none_found: 'Niets komt overeen.',
  },
} as const;

export type AutocodeWords = (typeof WORDS)[Locale];

export function autocodeWords(locale: Locale): AutocodeWords {
  return WORDS[locale];
}

export interface AutocodePageState {
  target: AutocodeTarget;
  code: string;
  matches: readonly AutocodeMatch[];
  skipped: number;
  /** The chosen matches are being coded: the buttons are off. */
  working?: boolean;
}

function fileOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function matchHtml(match: AutocodeMatch, index: number, w: AutocodeWords): SafeHtml {
  const line = match.range.start.line + 1;
  const id = `m${index}`;
  const note = match.alreadyCoded ? html` <span class="note">${w.codedAlready}</span>` : match.shape === 'addCode' ? html` <span class="note">${w.addsTo}</span>` : [];
  return html`<li class="match${match.alreadyCoded ? ' done' : ''}">\
<input type="checkbox" id="${id}" data-index="${index}"${match.alreadyCoded ? html` disabled` : html` checked`}>\
<div class="body"><div class="meta"><button type="button" class="link" data-open="${index}" title="${w.open(match.path, line)}">${fileOf(match.path)}</button> <span>${w.line(line)}</span>${note}</div>\
<label for="${id}" class="context">${match.context.before}<mark>${match.context.text}</mark>${match.context.after}</label></div>\
</li>`;
}

const STYLE = css`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.3em; font-weight: 600; margin: 16px 0 2px; overflow-wrap: anywhere; }
h1 code { font-size: 0.95em; }
.summary, .hint { color: var(--vscode-descriptionForeground); margin: 0 0 10px; }
.bar { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8884)); z-index: 1; }
.count { margin: 0 8px; color: var(--vscode-descriptionForeground); }
button { font: inherit; cursor: pointer; }
button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; border-radius: 2px; }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; border-radius: 2px; }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
button.link { background: none; border: none; color: var(--vscode-textLink-foreground); padding: 0; text-decoration: underline; }
button.link:hover { color: var(--vscode-textLink-activeForeground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
ol { list-style: none; padding: 0; margin: 0; max-width: 70em; }
.match { display: flex; gap: 8px; align-items: flex-start; padding: 6px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8882)); content-visibility: auto; contain-intrinsic-size: auto 3.2em; }
.match input { margin-top: 3px; flex: none; }
.match.done .context { color: var(--vscode-descriptionForeground); }
.meta { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.note { font-style: italic; }
.context { display: block; overflow-wrap: anywhere; cursor: pointer; }
mark { background: var(--vscode-editor-findMatchHighlightBackground, #ea5c0055); color: inherit; border-radius: 2px; padding: 0 1px; }
body.vscode-high-contrast mark { background: transparent; outline: 1px dotted var(--vscode-contrastActiveBorder, var(--vscode-contrastBorder)); }
code { font-family: var(--vscode-editor-font-family); color: inherit; background: var(--vscode-textCodeBlock-background, transparent); padding: 0 3px; border-radius: 2px; }
body.vscode-high-contrast code { background: transparent; border: 1px solid var(--vscode-contrastBorder, transparent); }
`;

/** The whole page. */
export function autocodeHtml(state: AutocodePageState, options: PageOptions): string {
  const w = WORDS[options.locale];
  const { matches } = state;
  const open = matches.filter((m) => !m.alreadyCoded).length;
  const transcripts = new Set(matches.map((m) => m.uri)).size;
  const parts = [`${w.matches(matches.length)} ${w.transcripts(transcripts)}`];
  if (open < matches.length) parts.push(w.already(matches.length - open));
  if (state.skipped > 0) parts.push(w.skipped(state.skipped));
  const off = state.working ? html` disabled` : [];
  const body = html`<h1>${w.kinds[state.target.kind]}: “${state.target.text}” → <code>#${state.code}</code></h1>\
<p class="summary">${parts.join(' · ')}</p>\
<p class="hint">${w.hint}</p>\
<div class="bar" data-chosen="${w.chosen}" data-code="${w.code}" data-code-one="${w.codeOne}"><button type="button" class="secondary" data-action="all"${off}>${w.all}</button><button type="button" class="secondary" data-action="none"${off}>${w.none}</button>\
<span class="count" role="status" data-total="${open}">${state.working ? w.working : fillCount(w.chosen, open, open, options.locale)}</span>\
<button type="button" class="primary" data-action="apply"${open === 0 || state.working ? html` disabled` : []}>${fillCount(open === 1 ? w.codeOne : w.code, open, open, options.locale)}</button><button type="button" class="secondary" data-action="cancel"${off}>${w.cancel}</button></div>\
${matches.length === 0 ? html`<p class="hint">${w.none_found}</p>` : []}\
<ol id="matches">${matches.map((m, i) => matchHtml(m, i, w))}</ol>`;
  return webviewPage(options, { title: `${w.title}: #${state.code}`, style: STYLE, body });
}

/** `{n}` and `{total}` in a template, as the page's script fills them too. */
export function fillCount(template: string, n: number, total: number, locale: Locale): string {
  return template.replace('{n}', n.toLocaleString(locale)).replace('{total}', total.toLocaleString(locale));
}
