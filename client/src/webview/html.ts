// Markup for the webview pages, escaping by default: in html`…` every interpolated value is
// HTML-escaped unless it is itself markup made by html`…`. Nothing else makes markup, so foreign
// text (file names, practices, coders, codes, fragment text) can only ever reach a page as text.
// Attribute values are always written in double quotes, which escaped text cannot end.

import { escapeHtml } from '../../../server/src/core/outputs/outputEscaping';

/** Markup made by html`…`; not exported as a value, so nothing else can make one. */
class SafeHtml {
  readonly #markup: string;

  constructor(markup: string) {
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

export type { SafeHtml };

/** What html`…` takes: text and numbers (escaped), markup, and lists of them (joined). */
export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[];

function markup(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(markup).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let text = strings[0]!;
  values.forEach((value, i) => (text += markup(value) + strings[i + 1]!));
  return new SafeHtml(text);
}

/** A page's own style sheet, from a literal in the source only (it takes no values, so no foreign text). */
export function css(strings: TemplateStringsArray): SafeHtml {
  const text = strings.join('');
  if (/<\/style/i.test(text)) throw new Error('a style sheet cannot end its <style> element');
  return new SafeHtml(text);
}
