import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { autocodeHtml } from '../../client/src/autocode/html';
import type { AutocodeMatch } from '../../server/src/protocol';
import { isAutocodeMessage } from '../../client/src/webview/scripts/autocode/messages';

const match = (line: number, before: string, text: string, after: string, extra: Partial<AutocodeMatch> = {}): AutocodeMatch => ({
  uri: 'file:///p/oost.md',
  path: 'wijk/oost.md',
  range: { start: { line, character: before.length }, end: { line, character: before.length + text.length } },
  context: { before, text, after },
  shape: 'inline',
  alreadyCoded: false,
  ...extra,
});

const MATCHES = [match(3, '**S1:** met <b>', 'bewoners', '</b> & meer'), match(7, '', 'Bewoners', '!', { alreadyCoded: true }), match(9, 'en [', 'bewoners', ']{#outcome}', { shape: 'addCode' })];

describe('Auto-code preview page', () => {
  test('each match with a checkbox (none for one coded already), its place and its context escaped; the counts', () => {
    const page = autocodeHtml({ target: { kind: 'phrase', text: 'bewoners' }, code: 'actanten', matches: MATCHES, skipped: 2 }, { nonce: 'n', cspSource: 'c', locale: 'en', scriptUri: 's' });
    const items = [...page.matchAll(/<li class="match[^"]*">[\s\S]*?<\/li>/g)].map((m) => m[0]);
    assert.deepEqual(items, [
      '<li class="match"><input type="checkbox" id="m0" data-index="0" checked><div class="body"><div class="meta"><button type="button" class="link" data-open="0" title="Open wijk/oost.md at line 4">oost.md</button> <span>line 4</span></div><label for="m0" class="context">**S1:** met &lt;b&gt;<mark>bewoners</mark>&lt;/b&gt; &amp; meer</label></div></li>',
      '<li class="match done"><input type="checkbox" id="m1" data-index="1" disabled><div class="body"><div class="meta"><button type="button" class="link" data-open="1" title="Open wijk/oost.md at line 8">oost.md</button> <span>line 8</span> <span class="note">coded already</span></div><label for="m1" class="context"><mark>Bewoners</mark>!</label></div></li>',
      '<li class="match"><input type="checkbox" id="m2" data-index="2" checked><div class="body"><div class="meta"><button type="button" class="link" data-open="2" title="Open wijk/oost.md at line 10">oost.md</button> <span>line 10</span> <span class="note">code added to the fragment</span></div><label for="m2" class="context">en [<mark>bewoners</mark>]{#outcome}</label></div></li>',
    ]);
    assert.match(page, /<h1>Words: “bewoners” → <code>#actanten<\/code><\/h1><p class="summary">3 matches in 1 transcript · 1 coded already · 2 inside code or markup, left alone<\/p>/);
    assert.match(page, /<span class="count" role="status" data-total="2">2 of 2 chosen<\/span><button type="button" class="primary" data-action="apply">Code 2 matches<\/button>/);
  });

  test('in Dutch; nothing to code leaves the button off', () => {
    const page = autocodeHtml({ target: { kind: 'speaker', text: 'Interviewer' }, code: 'activiteit', matches: [MATCHES[1]!], skipped: 0 }, { nonce: 'n', cspSource: 'c', locale: 'nl', scriptUri: 's' });
    assert.match(page, /<h1>Spreker: “Interviewer” → <code>#activiteit<\/code><\/h1><p class="summary">1 treffer in 1 transcript · 1 al gecodeerd<\/p>/);
    assert.match(page, /data-total="0">0 van 0 gekozen<\/span><button type="button" class="primary" data-action="apply" disabled>0 treffers coderen<\/button>/);
  });

  test('the panel takes only the messages the page sends', () => {
    assert.equal(isAutocodeMessage({ type: 'apply', chosen: [0, 2] }), true);
    assert.equal(isAutocodeMessage({ type: 'apply', chosen: [-1] }), false);
    assert.equal(isAutocodeMessage({ type: 'apply', chosen: '0' }), false);
    assert.equal(isAutocodeMessage({ type: 'open', index: 1.5 }), false);
    assert.equal(isAutocodeMessage({ type: 'cancel' }), true);
    assert.equal(isAutocodeMessage(null), false);
  });
});
