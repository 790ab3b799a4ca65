import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agreementHtml } from '../../client/src/agreement/html';
import { contentSecurityPolicy } from '../../client/src/webview/page';
import { isAgreementMessage } from '../../client/src/webview/scripts/agreement/messages';
import { escapeHtml } from '../../server/src/core/outputs/outputEscaping';
import { compareCodings } from '../../server/src/core/outputs/agreement';
import type { AgreementReport } from '../../server/src/protocol';

const HOSTILE = ['<script>alert(1)</script>', '"onmouseover="alert(1)', 'javascript:alert(1)', 'command:workbench.action.terminal.new'];

function hostileReport(): AgreementReport {
  const [script, attr, js, command] = HOSTILE as [string, string, string, string];
  // Transcript text, codes and coders all carry the hostile strings.
  const a = `---\ncoder: "${attr.replace(/"/g, '\\"')}"\n---\n${script} [${js}]{#x} en [${command}](${command}) ${attr}.\n`;
  const b = `---\ncoder: "${script.replace(/"/g, '\\"')}"\n---\nAnders: ${script} ${js} en [${command}](${command}) ${attr}. {#x}\n`;
  const result = compareCodings({ text: a }, { text: b });
  assert.ok(result.disagreements.length > 0);
  assert.ok(result.text.firstDifference);
  return { ...result, uri: 'file:///a.md', version: 1, labelA: script, labelB: `${attr}@${js}` };
}

describe('the agreement report page', () => {
  const nonce = 'cmFuZG9tbm9uY2U=';
  const scriptUri = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/agreement.js';
  const report = hostileReport();
  const html = agreementHtml(report, { kept: new Set([0]) }, { nonce, cspSource: 'vscode-webview://abc', locale: 'en', scriptUri });

  test('no transcript string reaches the page unescaped', () => {
    assert.equal(html.match(/<script/g)!.length, 1);
    assert.ok(!html.includes('alert(1)</script>'));
    assert.ok(!html.includes(HOSTILE[1]!));
    assert.ok(html.includes(escapeHtml(HOSTILE[0]!)));
    const names = [...html.matchAll(/<(?!script\b)[a-zA-Z][^>]*>/g)].flatMap((t) => [...t[0].replace(/"[^"]*"/g, '""').matchAll(/\s([^\s=>]+)=/g)].map((m) => m[1]!));
    assert.deepEqual(names.filter((n) => /^on/i.test(n)), []);
    assert.deepEqual(names.filter((n) => /^(style|href|src|xlink:href|formaction|action)$/i.test(n)), []);
    assert.ok(!/<a\s/i.test(html));
  });

  test('the page loads its one script, the bundle, with the nonce', () => {
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="${scriptUri}"></script>`]);
  });

  test('strict policy; the nonce on the script and the style', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp);
    assert.equal(csp[1], String(contentSecurityPolicy('vscode-webview://abc', nonce)));
    for (const s of html.matchAll(/<style([^>]*)>/g)) assert.equal(s[1], ` nonce="${nonce}"`);
    for (const s of html.matchAll(/<script([^>]*)>/g)) assert.equal(s[1], ` nonce="${nonce}" src="${scriptUri}"`);
  });

  test('figures, the text difference and the disagreements with their buttons', () => {
    assert.match(html, /<td><code>#x<\/code><\/td><td class="num">/);
    assert.match(html, /The texts differ besides the coding/);
    // Disagreement 0 was kept: no buttons; the others have Keep A and Take B with labels.
    assert.match(html, /<tr class="resolved">.*A kept<\/td><\/tr>/);
    const takeB = [...html.matchAll(/data-action="accept" data-id="(\d+)" data-side="b" aria-label="([^"]+)"/g)];
    assert.equal(takeB.length, report.disagreements.length - 1);
    assert.ok(!takeB.some((m) => m[1] === '0'));
    for (const m of takeB) assert.match(m[2]!, /^Take coder B&#39;s coding of &quot;/);
  });

  test('with B a file, each disagreement opens in B too', () => {
    assert.ok(!html.includes('data-side="b" aria-label="Open line'));
    const withB = agreementHtml({ ...report, otherUri: 'file:///b.md' }, { kept: new Set() }, { nonce, cspSource: 'x', locale: 'en', scriptUri });
    const d = report.disagreements[0]!;
    assert.ok(withB.includes(`data-action="open" data-id="0" data-side="b" aria-label="Open line ${d.rangeB.start.line + 1} of B">B:${d.rangeB.start.line + 1}</button>`));
  });

  test('Dutch', () => {
    const nl = agreementHtml(report, { kept: new Set() }, { nonce, cspSource: 'x', locale: 'nl', scriptUri });
    assert.match(nl, /<html lang="nl">/);
    assert.match(nl, /B overnemen/);
  });
});

describe('the agreement page explains its figures', () => {
  // The worked example of docs/agreement.md: #actanten 86.4 % yet kappa 0 and alpha -0.070.
  const anna = '---\ncoder: anna\n---\n**S2:** Ik zat erbij [omdat mijn leidinggevende het vroeg]{#intentie/gestuurd}. Eerlijk gezegd had ik er weinig zin in.\n\n**S1:** En nu? Ik kom graag, vooral om de vlaai bij de koffie.\n';
  const bert = '---\ncoder: bert\n---\n**S2:** [Ik zat erbij omdat mijn leidinggevende het vroeg. Eerlijk gezegd had ik er weinig zin in.]{#intentie/gestuurd}\n\n**S1:** En nu? Ik kom graag, vooral om [de vlaai bij de koffie]{#actanten}.\n';
  const report: AgreementReport = { ...compareCodings({ text: anna }, { text: bert }), uri: 'file:///anna.md', version: 1, labelA: 'anna.md', labelB: 'bert.md' };
  const page = (locale: 'en' | 'nl'): string => agreementHtml(report, { kept: new Set() }, { nonce: 'bm9uY2U=', cspSource: 'x', locale, scriptUri: 'x' });
  const between = (html: string, start: string, end: string): string => html.slice(html.indexOf(start), html.indexOf(end, html.indexOf(start)) + end.length);

  test('in English: a note per misread figure, what the figures mean, and the guide', () => {
    const html = page('en');
    assert.match(html, /<td><code>#actanten<\/code><\/td><td class="num">86\.4 %<\/td><td class="num">0\.000<\/td><td class="num">-0\.070<\/td>/);
    assert.equal(
      between(html, '<ul class="notes">', '</ul>'),
      '<ul class="notes"><li><code>#actanten</code>: 80 % agreement or more, yet kappa below 0.4. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.</li>' +
        '<li><code>#actanten</code>: alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.</li></ul>',
    );
    assert.equal(
      between(html, '<section class="reading"', '</section>'),
      `<section class="reading" aria-labelledby="reading"><h2 id="reading">Reading the figures</h2>
<ul><li>Agreement is the share of the text on which both coders made the same choice for a code: both coded it, or both left it uncoded.</li>\
<li>Kappa and alpha correct that share for chance. When a code covers only a little of the text, most of the text is left uncoded by both coders, so they agree on, say, 86 % of it by chance alone: kappa then stays near 0 however high the percentage looks. Kappa counts only the agreement beyond chance: 1 is complete agreement, 0 no better than chance.</li>\
<li>Alpha below 0 means less agreement than chance would give: the coders disagree systematically, for instance because one codes a whole answer and the other only one sentence of it.</li></ul>
<p><button type="button" class="link" data-action="guide">Read more: agreement, kappa and alpha, with a worked example</button></p></section>`,
    );
  });

  test('in Dutch', () => {
    const html = page('nl');
    assert.equal(
      between(html, '<ul class="notes">', '</ul>'),
      '<ul class="notes"><li><code>#actanten</code>: 80 % overeenstemming of meer, en toch kappa onder 0.4. Het meeste van de tekst laten beide codeerders ongecodeerd, dus zouden ze ook bij toeval al zo vaak overeenstemmen; kappa telt alleen de overeenstemming boven toeval.</li>' +
        '<li><code>#actanten</code>: alfa onder 0. De codeerders stemmen minder overeen dan bij toeval: een teken dat ze het stelselmatig oneens zijn.</li></ul>',
    );
    assert.equal(
      between(html, '<section class="reading"', '</section>'),
      `<section class="reading" aria-labelledby="reading"><h2 id="reading">De cijfers lezen</h2>
<ul><li>Overeenstemming is het deel van de tekst waarop beide codeerders voor een code dezelfde keuze maakten: allebei gecodeerd, of allebei niet.</li>\
<li>Kappa en alfa corrigeren dat deel voor toeval. Beslaat een code maar weinig tekst, dan laten beide codeerders het meeste ongecodeerd en stemmen ze al bij toeval op zo’n 86 % van de tekst overeen: kappa blijft dan bij 0, hoe hoog het percentage ook oogt. Kappa telt alleen de overeenstemming boven toeval: 1 is volledige overeenstemming, 0 niet beter dan toeval.</li>\
<li>Alfa onder 0 betekent minder overeenstemming dan bij toeval: de codeerders zijn het stelselmatig oneens, bijvoorbeeld omdat de een een heel antwoord codeert en de ander er maar één zin van.</li></ul>
<p><button type="button" class="link" data-action="guide">Meer lezen: overeenstemming, kappa en alfa, met een uitgewerkt voorbeeld</button></p></section>`,
    );
  });

  test('one line per kind of note, naming its codes', () => {
    // The figures of test/cli/agree.test.ts: #p 90 %, kappa 0.232, alpha 0.236 (a note on kappa only);
    // #t 40 %, kappa -0.429, alpha -0.421 (a note on alpha only); #q as #p.
    const s = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, 99);
    const a = `[${s.slice(0, 7)}]{#p #q}${s.slice(7, 20)}[${s.slice(20, 50)}]{#t}${s.slice(50)}\n`;
    const b = `[${s.slice(0, 2)}]{#p #q}${s.slice(2, 7)}[${s.slice(7, 12)}]{#p #q}${s.slice(12, 50)}[${s.slice(50, 80)}]{#t}${s.slice(80)}\n`;
    const report3: AgreementReport = { ...compareCodings({ text: a }, { text: b }), uri: 'file:///a.md', version: 1, labelA: 'a', labelB: 'b' };
    assert.deepEqual(report3.codes.map((c) => [c.code, c.percent.toFixed(1), c.kappa.toFixed(3), c.alpha?.toFixed(3)]), [
      ['p', '90.0', '0.232', '0.236'],
      ['q', '90.0', '0.232', '0.236'],
      ['t', '40.0', '-0.429', '-0.421'],
    ]);
    const notesOf = (locale: 'en' | 'nl'): string => {
      const html = agreementHtml(report3, { kept: new Set() }, { nonce: 'bm9uY2U=', cspSource: 'x', locale, scriptUri: 'x' });
      return between(html, '<ul class="notes">', '</ul>');
    };
    assert.equal(
      notesOf('en'),
      '<ul class="notes"><li><code>#p</code>, <code>#q</code>: 80 % agreement or more, yet kappa below 0.4. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.</li>' +
        '<li><code>#t</code>: alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.</li></ul>',
    );
    assert.equal(
      notesOf('nl'),
      '<ul class="notes"><li><code>#p</code>, <code>#q</code>: 80 % overeenstemming of meer, en toch kappa onder 0.4. Het meeste van de tekst laten beide codeerders ongecodeerd, dus zouden ze ook bij toeval al zo vaak overeenstemmen; kappa telt alleen de overeenstemming boven toeval.</li>' +
        '<li><code>#t</code>: alfa onder 0. De codeerders stemmen minder overeen dan bij toeval: een teken dat ze het stelselmatig oneens zijn.</li></ul>',
    );
  });

  test('no note where every figure reads as it looks; the explanation stays', () => {
    const same = '---\ncoder: anna\n---\n[Ik kwam omdat het moest]{#intentie} en bleef.\n';
    const html = agreementHtml({ ...compareCodings({ text: same }, { text: same.replace('anna', 'bert') }), uri: 'file:///a.md', version: 1, labelA: 'a', labelB: 'b' }, { kept: new Set() }, { nonce: 'bm9uY2U=', cspSource: 'x', locale: 'en', scriptUri: 'x' });
    assert.ok(!html.includes('class="notes"'));
    assert.match(html, /<h2 id="reading">Reading the figures<\/h2>/);
  });
});

describe('messages from the agreement page', () => {
  test('valid messages pass', () => {
    for (const m of [{ type: 'ready' }, { type: 'refresh' }, { type: 'guide' }, { type: 'open', id: 0, side: 'a' }, { type: 'accept', id: 3, side: 'b' }, { type: 'threshold', value: 80 }]) {
      assert.equal(isAgreementMessage(m), true, JSON.stringify(m));
    }
  });
  test('anything else is refused', () => {
    for (const m of [
      undefined,
      42,
      { type: 'accept', id: '1', side: 'b' },
      { type: 'accept', id: 1, side: 'c' },
      { type: 'accept', id: -1, side: 'a' },
      { type: 'open', id: Number.NaN, side: 'a' },
      { type: 'threshold', value: 0 },
      { type: 'threshold', value: 101 },
      { type: 'threshold', value: '90' },
      { type: 'run', command: 'workbench.action.terminal.new' },
    ]) {
      assert.equal(isAgreementMessage(m), false, JSON.stringify(m));
    }
  });
});
