// The agreement report page: the figures per code and overall, where the texts differ, and the
// disagreements with Open, Accept A and Accept B. No vscode import (plain Node tests check it);
// every transcript string is HTML-escaped; one script, with the nonce of a strict policy.
// Messages from the page are checked by `isAgreementMessage` before use.

import type { AgreementReport } from '../../../server/src/protocol';
import type { Locale } from '../../../server/src/core/types';
import { escapeHtml, webviewPage, type PageOptions } from '../statistics/html';

export type AgreementMessage =
  | { type: 'ready' }
  | { type: 'open'; id: number; side: 'a' | 'b' }
  | { type: 'accept'; id: number; side: 'a' | 'b' }
  | { type: 'threshold'; value: number }
  | { type: 'refresh' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isSide = (value: unknown): value is 'a' | 'b' => value === 'a' || value === 'b';

/** The type guard for every message the report page sends. */
export function isAgreementMessage(value: unknown): value is AgreementMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
    case 'refresh':
      return true;
    case 'open':
    case 'accept':
      return isId(value['id']) && isSide(value['side']);
    case 'threshold': {
      const v = value['value'];
      return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 100;
    }
    default:
      return false;
  }
}

const WORDS = {
  en: {
    title: 'Kader Coding Comparison',
    coder: 'coder',
    compared: (n: number) => `${n} characters compared.`,
    differ: 'The texts differ besides the coding; only the text they share is compared. They first differ here:',
    unshared: (a: number, b: number) => `${a} characters only in A, ${b} only in B.`,
    figures: 'Agreement per code',
    code: 'Code',
    agreement: 'Agreement',
    kappa: "Cohen's kappa",
    alpha: "Krippendorff's alpha",
    segments: (t: number) => `Segments (overlap ≥ ${t} %)`,
    overall: 'Overall',
    threshold: 'Segment overlap (%)',
    disagreements: 'Disagreements',
    none: 'The two codings agree everywhere.',
    noCodes: 'Neither coder used a code.',
    line: 'Line',
    text: 'Text',
    actions: 'Resolve',
    acceptA: 'Keep A',
    acceptB: 'Take B',
    kept: 'A kept',
    open: (line: number) => `Open line ${line}`,
    openB: (line: number) => `Open line ${line} of B`,
    acceptALabel: (text: string) => `Keep coder A's coding of "${text}"`,
    acceptBLabel: (text: string) => `Take coder B's coding of "${text}" into A`,
    refresh: 'Compare Again',
    explain: 'Taking B changes A (the open transcript) in one undoable edit; keeping A changes nothing.',
    line1: (n: number) => `line ${n}`,
  },
  nl: {
    title: 'Kader: coderingen vergelijken',
    coder: 'codeerder',
    compared: (n: number) => `${n} tekens vergeleken.`,
    differ: 'De teksten verschillen naast de codering; alleen de gedeelde tekst is vergeleken. Het eerste verschil:',
    unshared: (a: number, b: number) => `${a} tekens alleen in A, ${b} alleen in B.`,
    figures: 'Overeenstemming per code',
    code: 'Code',
    agreement: 'Overeenstemming',
    kappa: 'Cohens kappa',
    alpha: 'Krippendorffs alfa',
    segments: (t: number) => `Segmenten (overlap ≥ ${t} %)`,
    overall: 'Totaal',
    threshold: 'Segmentoverlap (%)',
    disagreements: 'Verschillen',
    none: 'De twee coderingen stemmen overal overeen.',
    noCodes: 'Geen van beide codeerders gebruikte een code.',
    line: 'Regel',
    text: 'Tekst',
    actions: 'Oplossen',
    acceptA: 'A houden',
    acceptB: 'B overnemen',
    kept: 'A gehouden',
    open: (line: number) => `Open regel ${line}`,
    openB: (line: number) => `Open regel ${line} van B`,
    acceptALabel: (text: string) => `Houd de codering van codeerder A van "${text}"`,
    acceptBLabel: (text: string) => `Neem de codering van codeerder B van "${text}" over in A`,
    refresh: 'Opnieuw vergelijken',
    explain: 'B overnemen verandert A (het open transcript) in één bewerking die je ongedaan kunt maken; A houden verandert niets.',
    line1: (n: number) => `regel ${n}`,
  },
} as const;

function pct(v: number | null): string {
  return v === null ? '–' : `${v.toFixed(1)} %`;
}

function num(v: number | null): string {
  return v === null ? '–' : v.toFixed(3);
}

function codes(list: string[]): string {
  return list.length ? list.map((c) => `#${c}`).join(' ') : '–';
}

function clip(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 24px 0 8px; }
.who, .note { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border, #8884); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.overall td { font-weight: 600; }
code { font-family: var(--vscode-editor-font-family); }
button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; font: inherit; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
button.link { background: none; border: none; color: var(--vscode-textLink-foreground); padding: 0; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); width: 5em; font: inherit; }
tr.resolved td { opacity: 0.6; }
.diff { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; background: var(--vscode-textCodeBlock-background); padding: 6px 8px; }
`;

const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest('button[data-action]');
    if (!button) return;
    const action = button.getAttribute('data-action');
    if (action === 'refresh') { vscode.postMessage({ type: 'refresh' }); return; }
    const id = Number(button.getAttribute('data-id'));
    const side = button.getAttribute('data-side');
    vscode.postMessage({ type: action, id, side });
  });
  const threshold = document.getElementById('threshold');
  if (threshold) threshold.addEventListener('change', () => {
    const value = Number(threshold.value);
    if (value > 0 && value <= 100) vscode.postMessage({ type: 'threshold', value });
  });
  vscode.postMessage({ type: 'ready' });
})();
`;

export interface ReportState {
  /** Disagreement ids whose A coding was kept (shown as resolved). */
  kept: ReadonlySet<number>;
}

export function agreementWords(locale: Locale): (typeof WORDS)[Locale] {
  return WORDS[locale];
}

/** The whole report page. */
export function agreementHtml(report: AgreementReport, state: ReportState, options: PageOptions): string {
  const w = WORDS[options.locale];
  const { nonce } = options;
  const who = (label: string, coder: string | undefined): string => `${escapeHtml(label)}${coder ? ` (${escapeHtml(w.coder)} ${escapeHtml(coder)})` : ''}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(w.title)}</h1>`);
  parts.push(`<p class="who">A: ${who(report.labelA, report.coders.a)}<br>B: ${who(report.labelB, report.coders.b)}</p>`);
  if (report.text.firstDifference) {
    const d = report.text.firstDifference;
    parts.push(
      `<p>${escapeHtml(w.differ)}</p><div class="diff">A, ${escapeHtml(w.line1(d.a.line + 1))}: ${escapeHtml(d.a.text)}\nB, ${escapeHtml(w.line1(d.b.line + 1))}: ${escapeHtml(d.b.text)}</div>` +
        `<p class="note">${escapeHtml(w.unshared(report.text.onlyA, report.text.onlyB))}</p>`,
    );
  }
  parts.push(`<p class="note">${escapeHtml(w.compared(report.text.compared))}</p>`);
  parts.push(
    `<p><label>${escapeHtml(w.threshold)} <input id="threshold" type="number" min="1" max="100" step="1" value="${report.threshold}"></label> ` +
      `<button type="button" data-action="refresh">${escapeHtml(w.refresh)}</button></p>`,
  );

  parts.push(`<h2>${escapeHtml(w.figures)}</h2>`);
  if (report.codes.length === 0) parts.push(`<p>${escapeHtml(w.noCodes)}</p>`);
  else {
    const row = (name: string, percent: number | null, kappa: number | null, alpha: number | null, s: { agreeing: number; total: number; percent: number | null }, cls = ''): string =>
      `<tr${cls}><td>${name}</td><td class="num">${pct(percent)}</td><td class="num">${num(kappa)}</td><td class="num">${num(alpha)}</td><td class="num">${s.agreeing}/${s.total} (${pct(s.percent)})</td></tr>`;
    parts.push(
      `<table><thead><tr><th scope="col">${escapeHtml(w.code)}</th><th scope="col" class="num">${escapeHtml(w.agreement)}</th><th scope="col" class="num">${escapeHtml(w.kappa)}</th>` +
        `<th scope="col" class="num">${escapeHtml(w.alpha)}</th><th scope="col" class="num">${escapeHtml(w.segments(report.threshold))}</th></tr></thead><tbody>` +
        report.codes.map((c) => row(`<code>#${escapeHtml(c.code)}</code>`, c.percent, c.kappa, c.alpha, c.segments)).join('') +
        row(escapeHtml(w.overall), report.overall.percent, report.overall.kappa, report.overall.alpha, report.overall.segments, ' class="overall"') +
        `</tbody></table>`,
    );
  }

  parts.push(`<h2>${escapeHtml(w.disagreements)} (${report.disagreements.length})</h2>`);
  if (report.disagreements.length === 0) parts.push(`<p>${escapeHtml(w.none)}</p>`);
  else {
    parts.push(`<p class="note">${escapeHtml(w.explain)}</p>`);
    parts.push(
      `<table><thead><tr><th scope="col" class="num">${escapeHtml(w.line)}</th><th scope="col">${escapeHtml(w.text)}</th><th scope="col">A</th><th scope="col">B</th><th scope="col">${escapeHtml(w.actions)}</th></tr></thead><tbody>`,
    );
    for (const d of report.disagreements) {
      const kept = state.kept.has(d.id);
      const short = clip(d.text);
      const actions = kept
        ? escapeHtml(w.kept)
        : `<button type="button" data-action="accept" data-id="${d.id}" data-side="a" aria-label="${escapeHtml(w.acceptALabel(short))}">${escapeHtml(w.acceptA)}</button> ` +
          `<button type="button" class="primary" data-action="accept" data-id="${d.id}" data-side="b" aria-label="${escapeHtml(w.acceptBLabel(short))}">${escapeHtml(w.acceptB)}</button>`;
      parts.push(
        `<tr${kept ? ' class="resolved"' : ''}>` +
          `<td class="num"><button type="button" class="link" data-action="open" data-id="${d.id}" data-side="a" aria-label="${escapeHtml(w.open(d.line + 1))}">${d.line + 1}</button>` +
          (report.otherUri
            ? ` <button type="button" class="link" data-action="open" data-id="${d.id}" data-side="b" aria-label="${escapeHtml(w.openB(d.rangeB.start.line + 1))}">B:${d.rangeB.start.line + 1}</button>`
            : '') +
          `</td>` +
          `<td>${escapeHtml(d.text)}</td><td><code>${escapeHtml(codes(d.codesA))}</code></td><td><code>${escapeHtml(codes(d.codesB))}</code></td><td>${actions}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }

  return webviewPage({
    locale: options.locale,
    title: w.title,
    nonce,
    cspSource: options.cspSource,
    style: STYLE,
    script: SCRIPT,
    body: `${parts.join('\n')}`,
  });
}
