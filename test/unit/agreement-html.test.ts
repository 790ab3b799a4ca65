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

describe('messages from the agreement page', () => {
  test('valid messages pass', () => {
    for (const m of [{ type: 'ready' }, { type: 'refresh' }, { type: 'open', id: 0, side: 'a' }, { type: 'accept', id: 3, side: 'b' }, { type: 'threshold', value: 80 }]) {
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
