// The agreement report page: the figures per code and overall, where the texts differ, and the
// disagreements with Open, Keep A and Take B, written with the escaping template html`…`. No vscode
// import (plain Node tests check it). The page's script is client/src/webview/scripts/agreement/main.ts;
// its messages are checked by `isAgreementMessage`.

import type { AgreementReport, Disagreement } from '../../../server/src/protocol';
import type { Locale } from '../../../server/src/core/types';
import { css, html, type SafeHtml } from '../webview/html';
import { webviewPage, type PageOptions } from '../webview/page';
import { agreementNotes, HIGH_PERCENT, LOW_KAPPA } from '../../../server/src/core/outputs/agreementNotes';
import { formatCoefficient, formatShare } from '../../../server/src/core/numbers';

const WORDS = {
  en: {
    locale: 'en',
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
    reading: 'Reading the figures',
    percentMeans: 'Agreement is the share of the text on which both coders made the same choice for a code: both coded it, or both left it uncoded.',
    kappaMeans:
      'Kappa and alpha correct that share for chance. When a code covers only a little of the text, most of the text is left uncoded by both coders, so they agree on, say, 86 % of it by chance alone: kappa then stays near 0 however high the percentage looks. Kappa counts only the agreement beyond chance: 1 is complete agreement, 0 no better than chance.',
    alphaMeans:
      'Alpha below 0 means less agreement than chance would give: the coders disagree systematically, for instance because one codes a whole answer and the other only one sentence of it.',
    prevalence: (percent: number, kappa: number) =>
      `${percent} % agreement or more, yet kappa below ${kappa}. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.`,
    belowChance: 'alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.',
    guide: 'Read more: agreement, kappa and alpha, with a worked example',
  },
  nl: {
    locale: 'nl',
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
    reading: 'De cijfers lezen',
    percentMeans: 'Overeenstemming is het deel van de tekst waarop beide codeerders voor een code dezelfde keuze maakten: allebei gecodeerd, of allebei niet.',
    kappaMeans:
      'Kappa en alfa corrigeren dat deel voor toeval. Beslaat een code maar weinig tekst, dan laten beide codeerders het meeste ongecodeerd en stemmen ze al bij toeval op zo’n 86 % van de tekst overeen: kappa blijft dan bij 0, hoe hoog het percentage ook oogt. Kappa telt alleen de overeenstemming boven toeval: 1 is volledige overeenstemming, 0 niet beter dan toeval.',
    alphaMeans:
      'Alfa onder 0 betekent minder overeenstemming dan bij toeval: de codeerders zijn het stelselmatig oneens, bijvoorbeeld omdat de een een heel antwoord codeert en de ander er maar één zin van.',
    prevalence: (percent: number, kappa: number) =>
      `${percent} % overeenstemming of meer, en toch kappa onder ${kappa}. Het meeste van de tekst laten beide codeerders ongecodeerd, dus zouden ze ook bij toeval al zo vaak overeenstemmen; kappa telt alleen de overeenstemming boven toeval.`,
    belowChance: 'alfa onder 0. De codeerders stemmen minder overeen dan bij toeval: een teken dat ze het stelselmatig oneens zijn.',
    guide: 'Meer lezen: overeenstemming, kappa en alfa, met een uitgewerkt voorbeeld',
  },
} as const;

function codes(list: string[]): string {
  return list.length ? list.map((c) => `#${c}`).join(' ') : '–';
}

function clip(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

const STYLE = css`
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
.notes { padding-left: 1.2em; max-width: 60em; }
.notes li { margin: 4px 0; }
.reading { max-width: 60em; }
.reading ul { padding-left: 1.2em; color: var(--vscode-descriptionForeground); }
.reading li { margin: 4px 0; }
.diff { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; background: var(--vscode-textCodeBlock-background); padding: 6px 8px; }
`;

export interface ReportState {
  /** Disagreement ids whose A coding was kept (shown as resolved). */
  kept: ReadonlySet<number>;
}

export function agreementWords(locale: Locale): (typeof WORDS)[Locale] {
  return WORDS[locale];
}

type Words = (typeof WORDS)[Locale];
type Segments = AgreementReport['overall']['segments'];

function figuresRow(name: SafeHtml | string, percent: number | null, kappa: number | null, alpha: number | null, s: Segments, locale: Locale, overall = false): SafeHtml {
  const share = (v: number | null): string => formatShare(v, locale);
  const coefficient = (v: number | null): string => formatCoefficient(v, locale);
  return html`<tr${overall ? html` class="overall"` : []}><td>${name}</td><td class="num">${share(percent)}</td><td class="num">${coefficient(kappa)}</td><td class="num">${coefficient(alpha)}</td><td class="num">${s.agreeing}/${s.total} (${share(s.percent)})</td></tr>`;
}

function figures(report: AgreementReport, w: Words): SafeHtml {
  if (report.codes.length === 0) return html`<p>${w.noCodes}</p>`;
  const { overall } = report;
  return html`<table><thead><tr><th scope="col">${w.code}</th><th scope="col" class="num">${w.agreement}</th><th scope="col" class="num">${w.kappa}</th>\
<th scope="col" class="num">${w.alpha}</th><th scope="col" class="num">${w.segments(report.threshold)}</th></tr></thead><tbody>\
${report.codes.map((c) => figuresRow(html`<code>#${c.code}</code>`, c.percent, c.kappa, c.alpha, c.segments, w.locale))}\
${figuresRow(w.overall, overall.percent, overall.kappa, overall.alpha, overall.segments, w.locale, true)}\
</tbody></table>`;
}

/** Where a figure is easily misread (a high percentage with a low kappa, a negative alpha), a line that names the codes and says why. */
function notes(report: AgreementReport, w: Words): SafeHtml {
  const found = agreementNotes(report.codes);
  const list = (codes: string[]): SafeHtml[] => codes.map((c, i) => html`${i > 0 ? ', ' : ''}<code>#${c}</code>`);
  const items: SafeHtml[] = [];
  if (found.prevalence.length > 0) items.push(html`<li>${list(found.prevalence)}: ${w.prevalence(HIGH_PERCENT, LOW_KAPPA)}</li>`);
  if (found.belowChance.length > 0) items.push(html`<li>${list(found.belowChance)}: ${w.belowChance}</li>`);
  return items.length > 0 ? html`<ul class="notes">${items}</ul>\n` : html``;
}

/** What agreement, kappa and alpha mean, in plain words, and the way to the guide (docs/agreement.md). */
function reading(w: Words): SafeHtml {
  return html`<section class="reading" aria-labelledby="reading"><h2 id="reading">${w.reading}</h2>
<ul><li>${w.percentMeans}</li><li>${w.kappaMeans}</li><li>${w.alphaMeans}</li></ul>
<p><button type="button" class="link" data-action="guide">${w.guide}</button></p></section>`;
}

function disagreementRow(report: AgreementReport, d: Disagreement, kept: boolean, w: Words): SafeHtml {
  const short = clip(d.text);
  const actions = kept
    ? w.kept
    : html`<button type="button" data-action="accept" data-id="${d.id}" data-side="a" aria-label="${w.acceptALabel(short)}">${w.acceptA}</button> \
<button type="button" class="primary" data-action="accept" data-id="${d.id}" data-side="b" aria-label="${w.acceptBLabel(short)}">${w.acceptB}</button>`;
  const openB = report.otherUri
    ? html` <button type="button" class="link" data-action="open" data-id="${d.id}" data-side="b" aria-label="${w.openB(d.rangeB.start.line + 1)}">B:${d.rangeB.start.line + 1}</button>`
    : [];
  return html`<tr${kept ? html` class="resolved"` : []}>\
<td class="num"><button type="button" class="link" data-action="open" data-id="${d.id}" data-side="a" aria-label="${w.open(d.line + 1)}">${d.line + 1}</button>${openB}</td>\
<td>${d.text}</td><td><code>${codes(d.codesA)}</code></td><td><code>${codes(d.codesB)}</code></td><td>${actions}</td></tr>`;
}

function disagreements(report: AgreementReport, state: ReportState, w: Words): SafeHtml {
  if (report.disagreements.length === 0) return html`<p>${w.none}</p>`;
  return html`<p class="note">${w.explain}</p>
<table><thead><tr><th scope="col" class="num">${w.line}</th><th scope="col">${w.text}</th><th scope="col">A</th><th scope="col">B</th><th scope="col">${w.actions}</th></tr></thead><tbody>
${report.disagreements.map((d) => html`${disagreementRow(report, d, state.kept.has(d.id), w)}\n`)}</tbody></table>`;
}

/** The whole report page. */
export function agreementHtml(report: AgreementReport, state: ReportState, options: PageOptions): string {
  const w = WORDS[options.locale];
  const who = (label: string, coder: string | undefined): SafeHtml => html`${label}${coder ? html` (${w.coder} ${coder})` : []}`;
  const d = report.text.firstDifference;
  const difference = d
    ? html`<p>${w.differ}</p><div class="diff">A, ${w.line1(d.a.line + 1)}: ${d.a.text}\nB, ${w.line1(d.b.line + 1)}: ${d.b.text}</div>\
<p class="note">${w.unshared(report.text.onlyA, report.text.onlyB)}</p>\n`
    : [];
  return webviewPage(options, {
    title: w.title,
    style: STYLE,
    body: html`<h1>${w.title}</h1>
<p class="who">A: ${who(report.labelA, report.coders.a)}<br>B: ${who(report.labelB, report.coders.b)}</p>
${difference}<p class="note">${w.compared(report.text.compared)}</p>
<p><label>${w.threshold} <input id="threshold" type="number" min="1" max="100" step="1" value="${report.threshold}"></label> \
<button type="button" data-action="refresh">${w.refresh}</button></p>
<h2>${w.figures}</h2>
${figures(report, w)}
${notes(report, w)}${reading(w)}
<h2>${w.disagreements} (${report.disagreements.length})</h2>
${disagreements(report, state, w)}`,
  });
}
