// The quote reader's pure parts: a quote read back from its transcript one line per speaker turn,
// the line of context before it, the quotes in reading order (each once), and the page, whose
// every transcript word is escaped.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FragmentSummary } from '../../server/src/protocol';
import type { Range } from '../../server/src/core/types';
import { quoteItemHtml, quoteItemsHtml, quoteReaderHtml, quoteReaderWords, type QuoteItem } from '../../client/src/quoteReader/html';
import { contextBefore, lastWords, offsetAt, lineStarts, orderQuotes, plainWords, quoteTurns } from '../../client/src/quoteReader/quotes';
import { MAX_QUERY_LENGTH, isCheckedMessage, isItemsMessage, isQuoteReaderMessage } from '../../client/src/webview/scripts/quoteReader/messages';

const TRANSCRIPT = [
  '---', // 0
  'practice: Leergemeenschap Breda',
  'coder: anna',
  '---',
  '# Reflectiegesprek groep 1', // 4
  '',
  '## Vraag 1 — Waarom doe je mee? {#intentie}', // 6
  '',
  '**Interviewer:** Waarom doe je mee aan de leergemeenschap?', // 8
  '',
  '**S1:** Ik kwam [omdat mijn leidinggevende het vroeg]{#intentie/gestuurd memo="twijfelt"}.', // 10
  '',
  '**S2:** Ik wilde zelf iets leren over samenwerken. {#intentie/intrinsiek}', // 12
  '',
  '## Vraag 2 — Wie bepaalt de agenda?', // 14
  '',
  '::: {#context/macht memo="aanbesteding"}', // 16
  '**S1:** De gemeente bepaalt de agenda.',
  'Dat is altijd zo geweest.',
  '',
  '**S2:** En wij voeren uit.', // 20
  '',
  'S1: Ja, *precies*.', // 22
  ':::',
].join('\n');

const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const lineLength = (n: number): number => TRANSCRIPT.split('\n')[n]!.length;

describe('quoteTurns', () => {
  test('a div of several turns: one line per speaker turn, a turn continued on the next line kept in it', () => {
    assert.deepEqual(quoteTurns(TRANSCRIPT, range(17, 0, 22, lineLength(22)), 'S1', new Set(['S1', 'S2'])), [
      { speaker: 'S1', text: 'De gemeente bepaalt de agenda. Dat is altijd zo geweest.' },
      { speaker: 'S2', text: 'En wij voeren uit.' },
      { speaker: 'S1', text: 'Ja, precies.' },
    ]);
  });

  test('a plain label is a turn only for a speaker the transcripts know', () => {
    assert.deepEqual(quoteTurns(TRANSCRIPT, range(20, 0, 22, lineLength(22)), 'S2', new Set(['S2'])), [
      { speaker: 'S2', text: 'En wij voeren uit. S1: Ja, precies.' },
    ]);
  });

  test('a section: its heading on a line of its own, then each turn, the attribute blocks and brackets gone', () => {
    assert.deepEqual(quoteTurns(TRANSCRIPT, range(6, 0, 12, lineLength(12)), undefined), [
      { text: 'Vraag 1 — Waarom doe je mee?', heading: true },
      { speaker: 'Interviewer', text: 'Waarom doe je mee aan de leergemeenschap?' },
      { speaker: 'S1', text: 'Ik kwam omdat mijn leidinggevende het vroeg.' },
      { speaker: 'S2', text: 'Ik wilde zelf iets leren over samenwerken.' },
    ]);
  });

  test('an inline quote is one turn of its speaker; a label before it in its line is not in it', () => {
    assert.deepEqual(quoteTurns(TRANSCRIPT, range(10, 17, 10, 52), 'S1'), [{ speaker: 'S1', text: 'omdat mijn leidinggevende het vroeg' }]);
    assert.deepEqual(quoteTurns(TRANSCRIPT, range(10, 17, 10, 52), undefined), [{ text: 'omdat mijn leidinggevende het vroeg' }]);
  });

  test('CRLF line ends and a range beyond the text are read as far as the text goes', () => {
    const crlf = TRANSCRIPT.replace(/\n/g, '\r\n');
    assert.deepEqual(quoteTurns(crlf, range(20, 0, 99, 0), 'S2', new Set(['S1', 'S2'])), [
      { speaker: 'S2', text: 'En wij voeren uit.' },
      { speaker: 'S1', text: 'Ja, precies.' },
    ]);
    assert.deepEqual(quoteTurns('', range(3, 4, 5, 6), 'S1'), []);
  });

  test('a label with a timestamp, and a label written **S1**:', () => {
    const text = '[00:12:34] **Marit:** Eerst dit.\n\n**Joost**: Dan dat.';
    assert.deepEqual(quoteTurns(text, range(0, 0, 2, 99), undefined), [
      { speaker: 'Marit', text: 'Eerst dit.' },
      { speaker: 'Joost', text: 'Dan dat.' },
    ]);
  });
});

describe('plainWords and positions', () => {
  test('takes off attribute blocks (with braces in a memo), brackets, emphasis and links; keeps escaped characters', () => {
    assert.equal(plainWords('Ik [zei [dit]{#a}]{#b memo="x {y} z"} en **dat** \\*echt\\* [hier](https://example.org).'), 'Ik zei dit en dat *echt* hier.');
    assert.equal(plainWords('Een {accolade} blijft'), 'Een {accolade} blijft');
    assert.equal(plainWords('Dat voelt [lacht] scheef, [zei [ze]{#a}]{#b} [00:01:05].'), 'Dat voelt [lacht] scheef, zei ze [00:01:05].');
  });

  test('a fragment only partly in the words read loses its bracket or its end', () => {
    assert.equal(plainWords('**S3:** [Ik kwam '), 'S3: Ik kwam');
    assert.equal(plainWords('[eerder] en [Ik kwam '), '[eerder] en Ik kwam');
    assert.equal(plainWords('het moest]{#intentie/gestuurd} en bleef'), 'het moest en bleef');
  });

  test('offsets of LSP positions, clamped to the line', () => {
    const text = 'ab\r\ncd\nef';
    assert.deepEqual(lineStarts(text), [0, 4, 7]);
    assert.equal(offsetAt(text, lineStarts(text), { line: 1, character: 1 }), 5);
    assert.equal(offsetAt(text, lineStarts(text), { line: 0, character: 9 }), 2);
    assert.equal(offsetAt(text, lineStarts(text), { line: 7, character: 0 }), text.length);
  });
});

describe('contextBefore', () => {
  test('the words before the quote in its paragraph, with the paragraph’s speaker', () => {
    assert.equal(contextBefore(TRANSCRIPT, range(10, 16, 10, 100)), 'S1: Ik kwam');
  });

  test('at the start of its paragraph: the previous turn, or the heading above', () => {
    assert.equal(contextBefore(TRANSCRIPT, range(12, 0, 12, 20)), 'S1: Ik kwam omdat mijn leidinggevende het vroeg.');
    assert.equal(contextBefore(TRANSCRIPT, range(16, 0, 23, 3)), 'Vraag 2 — Wie bepaalt de agenda?');
    assert.equal(contextBefore(TRANSCRIPT, range(6, 0, 12, 20)), 'Reflectiegesprek groep 1');
    assert.equal(contextBefore(TRANSCRIPT, range(20, 0, 20, 5)), 'S1: De gemeente bepaalt de agenda. Dat is altijd zo geweest.');
  });

  test('nothing before the first paragraph after the front matter', () => {
    assert.equal(contextBefore(TRANSCRIPT, range(4, 0, 4, 5)), '');
  });

  test('a long context keeps its last words', () => {
    const words = Array.from({ length: 60 }, (_, i) => `woord${i}`).join(' ');
    const tail = lastWords(words, 40);
    assert.equal(tail, '…woord55 woord56 woord57 woord58 woord59');
  });
});

function fragment(path: string, line: number, character: number, extra: Partial<FragmentSummary> = {}): FragmentSummary {
  const r = range(line, character, line, character + 5);
  return { key: `file:///w/${path}`, path, codes: ['intentie'], kind: 'inline', text: 'tekst', range: r, fullRange: r, ...extra };
}

describe('orderQuotes', () => {
  test('by transcript path (numbers in order), then position, each fragment once', () => {
    const a = fragment('tilburg/gesprek-10.md', 3, 0);
    const b = fragment('tilburg/gesprek-2.md', 9, 4);
    const c = fragment('tilburg/gesprek-2.md', 9, 1);
    const d = fragment('breda/gesprek-1.md', 20, 0);
    const twice = fragment('tilburg/gesprek-2.md', 9, 1, { codes: ['intentie/gestuurd'] });
    assert.deepEqual(
      orderQuotes([a, b, c, d, twice]).map((f) => `${f.path}:${f.range.start.line}:${f.range.start.character}`),
      ['breda/gesprek-1.md:20:0', 'tilburg/gesprek-2.md:9:1', 'tilburg/gesprek-2.md:9:4', 'tilburg/gesprek-10.md:3:0'],
    );
  });

  test('an outer fragment before the one inside it that starts at the same place', () => {
    const outer = fragment('a.md', 1, 0, { fullRange: range(1, 0, 1, 40) });
    const inner = fragment('a.md', 1, 0, { fullRange: range(1, 0, 1, 10) });
    assert.deepEqual(orderQuotes([inner, outer]), [outer, inner]);
  });
});

const HOSTILE = '<script>alert("x")</script> & "quoted" &amp; \'single\'';

describe('the page', () => {
  const en = quoteReaderWords('en');
  const item: QuoteItem = {
    index: 3,
    path: 'breda/<i>"gesprek" & co.md',
    line: 13,
    speaker: 'S1',
    coder: 'anna"><img src=x>',
    practice: 'Leergemeenschap & Breda',
    memo: HOSTILE,
    codes: ['intentie/gestuurd'],
    context: '<i>eerder</i>',
    turns: [
      { speaker: 'S1<script>', text: HOSTILE },
      { speaker: 'S2', text: 'En wij voeren uit.' },
    ],
  };

  test('one quote: every transcript word escaped, each turn a line of its own', () => {
    assert.equal(
      quoteItemHtml(item, en).toString(),
      '<li class="quote">' +
        '<div class="meta"><button type="button" class="link" data-open="3" title="Open breda/&lt;i&gt;&quot;gesprek&quot; &amp; co.md at line 13">&lt;i&gt;&quot;gesprek&quot; &amp; co.md</button> <span class="line">line 13</span>' +
        ' · <span>Leergemeenschap &amp; Breda</span> · <span>anna&quot;&gt;&lt;img src=x&gt;</span></div>' +
        '<p class="context"><span class="visually-hidden">Before: </span>&lt;i&gt;eerder&lt;/i&gt;</p>' +
        '<blockquote data-open="3">' +
        '<p class="turn"><span class="speaker">S1&lt;script&gt;:</span> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &amp;amp; &#39;single&#39;</p>' +
        '<p class="turn"><span class="speaker">S2:</span> En wij voeren uit.</p>' +
        '</blockquote>' +
        '<p class="memo"><span class="memo-label">Memo:</span> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &amp;amp; &#39;single&#39;</p>' +
        '<p class="codes"><code>#intentie/gestuurd</code></p>' +
        '</li>',
    );
  });

  test('no script, tag or attribute from the transcript reaches the page', () => {
    const page = quoteReaderHtml(
      { kind: 'quotes', label: 'Intentie › <script>x</script>', view: 'aspects', total: 250, items: [item] },
      { nonce: 'bm9uY2U=', cspSource: 'vscode-webview://x', locale: 'en', scriptUri: 'vscode-webview://x/dist/webview/quoteReader.js' },
    );
    assert.deepEqual(page.match(/<script\b[^>]*>/g), ['<script nonce="bm9uY2U=" src="vscode-webview://x/dist/webview/quoteReader.js">']);
    assert.ok(!page.includes('<img'), 'no image from a coder name');
    assert.ok(!/ on[a-z]+=/i.test(page), 'no event handler');
    assert.ok(page.includes('<title>Quotes: Intentie › &lt;script&gt;x&lt;/script&gt;</title>'));
    assert.ok(page.includes('<p class="summary">Aspects · 250 quotes</p>'));
    assert.ok(page.includes('<button type="button" class="more" data-action="more">Show more (1 of 250 shown)</button>'));
  });

  test('in Dutch', () => {
    const nl = quoteReaderWords('nl');
    const page = quoteReaderHtml(
      { kind: 'quotes', label: 'Intentie', view: 'levels', total: 1200, items: [] },
      { nonce: 'n', cspSource: 'c', locale: 'nl', scriptUri: 's' },
    );
    assert.ok(page.includes('<html lang="nl">'));
    assert.ok(page.includes('<p class="summary">Leerniveau · 1.200 citaten</p>'), page);
    assert.ok(page.includes('Meer tonen (0 van 1.200 getoond)'));
    assert.ok(quoteItemHtml({ ...item, memo: undefined }, nl).toString().includes('title="breda/&lt;i&gt;&quot;gesprek&quot; &amp; co.md openen bij regel 13">'));
    const choose = quoteReaderHtml({ kind: 'choose' }, { nonce: 'n', cspSource: 'c', locale: 'nl', scriptUri: 's' });
    assert.ok(choose.includes('<p class="hint">Kies een aspect, subcode, praktijk, niveau of spreker in een Kader-weergave om de citaten hier te lezen.</p>'));
  });

  test('a next page is list items only, escaped the same way', () => {
    assert.equal(quoteItemsHtml([item, { ...item, index: 4 }], en), quoteItemHtml(item, en).toString() + quoteItemHtml({ ...item, index: 4 }, en).toString());
    assert.equal(quoteItemsHtml([], en), '');
  });
});

describe('the page’s messages', () => {
  test('the panel takes only the messages the page sends', () => {
    assert.equal(isQuoteReaderMessage({ type: 'ready' }), true);
    assert.equal(isQuoteReaderMessage({ type: 'more' }), true);
    assert.equal(isQuoteReaderMessage({ type: 'open', index: 2 }), true);
    assert.equal(isQuoteReaderMessage({ type: 'open', index: -1 }), false);
    assert.equal(isQuoteReaderMessage({ type: 'open', index: '2' }), false);
    assert.equal(isQuoteReaderMessage({ type: 'open', index: 1.5 }), false);
    assert.equal(isQuoteReaderMessage({ type: 'items', html: '<script>' }), false);
    assert.equal(isQuoteReaderMessage('ready'), false);
    assert.equal(isQuoteReaderMessage(null), false);
    assert.equal(isItemsMessage({ type: 'items', html: '<li></li>', more: null }), true);
    assert.equal(isItemsMessage({ type: 'items', html: 3, more: null }), false);
  });
});

describe('the query box', () => {
  const options = { nonce: 'n', cspSource: 'c', locale: 'en' as const, scriptUri: 's' };

  test('shows the query escaped, with what is wrong with it', () => {
    const page = quoteReaderHtml(
      { kind: 'quotes', label: 'Gestuurd', view: 'query', total: 0, items: [], query: { value: 'practice:"<b>" AND', error: 'At 16: AND needs a term after it.', focus: true } },
      options,
    );
    assert.ok(
      page.includes(
        '<form id="query-form" class="query" role="search"><label for="query">Query</label>' +
          '<input id="query" type="text" value="practice:&quot;&lt;b&gt;&quot; AND" placeholder="#intentie AND practice:&quot;…&quot;" spellcheck="false" autocomplete="off" aria-describedby="query-status query-hint" aria-invalid="true" autofocus>' +
          '<button type="submit" class="apply">Apply</button>' +
          '<p id="query-status" class="query-status error" role="status">At 16: AND needs a term after it.</p>',
      ),
      page,
    );
    assert.ok(page.includes('<p class="summary">Query · 0 quotes</p>'));
  });

  test('is empty and quiet without a query, in Dutch too', () => {
    const page = quoteReaderHtml({ kind: 'choose' }, { ...options, locale: 'nl' });
    assert.ok(page.includes('<label for="query">Zoekvraag</label><input id="query" type="text" value="" placeholder'), page);
    assert.ok(page.includes('<button type="submit" class="apply">Toepassen</button><p id="query-status" class="query-status" role="status"></p>'));
    assert.ok(!/<input[^>]*aria-invalid/.test(page));
  });

  test('the page asks the panel to check or apply a query; the panel answers a check', () => {
    assert.equal(isQuoteReaderMessage({ type: 'check', query: '#intentie' }), true);
    assert.equal(isQuoteReaderMessage({ type: 'query', query: '' }), true);
    assert.equal(isQuoteReaderMessage({ type: 'query', query: 3 }), false);
    assert.equal(isQuoteReaderMessage({ type: 'check', query: 'x'.repeat(MAX_QUERY_LENGTH + 1) }), false);
    assert.equal(isCheckedMessage({ type: 'checked', query: '#a AND', error: 'At 4: AND needs a term after it.', status: '' }), true);
    assert.equal(isCheckedMessage({ type: 'checked', query: '#a', error: null, status: 'Press Enter to apply the query.' }), true);
    assert.equal(isCheckedMessage({ type: 'checked', query: '#a', error: 1, status: '' }), false);
  });
});
