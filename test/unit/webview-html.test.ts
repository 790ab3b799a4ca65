// The escaping template of the webview pages: every interpolated value is text unless it is markup
// the template made itself; lists are joined; nothing is escaped twice.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { css, html, type SafeHtml } from '../../client/src/webview/html';

describe('html`…`', () => {
  test('escapes every interpolated string, in text and in attributes', () => {
    assert.equal(String(html`<p>${'<img src=x onerror=alert(1)>'}</p>`), '<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    assert.equal(String(html`<a title="${'"><script>'}">`), '<a title="&quot;&gt;&lt;script&gt;">');
    assert.equal(String(html`<b title='${"' onfocus='x"}'>`), "<b title='&#39; onfocus=&#39;x'>");
    assert.equal(String(html`${'`'}${'&amp;'}`), '&#96;&amp;amp;');
    assert.equal(String(html`<p>${42}${-1.5}</p>`), '<p>42-1.5</p>');
  });

  test('the template text itself is markup, escapes and all', () => {
    assert.equal(String(html`<p class="x">a\nb</p>`), '<p class="x">a\nb</p>');
    assert.equal(String(html``), '');
  });

  test('nests markup it made without escaping it again', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(String(html`<p>${inner}</p>`), '<p><b>&lt;i&gt;</b></p>');
    assert.equal(String(html`<div>${html`<p>${inner}</p>`}</div>`), '<div><p><b>&lt;i&gt;</b></p></div>');
  });

  test('joins lists, escaping each string in them', () => {
    const items: SafeHtml[] = ['a<', 'b&'].map((s) => html`<li>${s}</li>`);
    assert.equal(String(html`<ul>${items}</ul>`), '<ul><li>a&lt;</li><li>b&amp;</li></ul>');
    assert.equal(String(html`<ul>${[]}</ul>`), '<ul></ul>');
    assert.equal(String(html`${['<', html`<br>`, 1, [html`<hr>`, '>']]}`), '&lt;<br>1<hr>&gt;');
  });

  test('an object that looks like markup is text', () => {
    const forged = { toString: () => '<script>alert(1)</script>' };
    assert.equal(String(html`${forged as unknown as SafeHtml}`), '&lt;script&gt;alert(1)&lt;/script&gt;');
    const copy = Object.create(Object.getPrototypeOf(html`x`) as object) as SafeHtml;
    assert.throws(() => String(html`${copy}`), TypeError, 'a copy of the prototype holds no markup');
  });
});

describe('css`…`', () => {
  test('is the literal text, and cannot end its <style> element', () => {
    assert.equal(String(css`a > b { content: "x"; }`), 'a > b { content: "x"; }');
    assert.throws(() => css`</style><script>alert(1)</script>`);
  });
});
