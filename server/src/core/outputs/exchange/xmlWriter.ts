// A small XML 1.0 writer for the REFI-QDA export: elements with attributes and either text or
// child elements (no mixed content, no CDATA, no comments), indented by two spaces. Every
// attribute value and text is escaped so that a conforming parser reads back exactly the string
// that was given, except characters XML 1.0 cannot hold at all, which become U+FFFD.

/**
 * What XML 1.0 forbids even as a character reference: C0 controls other than tab, LF and CR, a
 * surrogate that is not half of a pair, U+FFFE and U+FFFF.
 */
const FORBIDDEN = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
/**
 * A parser turns CR LF and lone CR into LF everywhere, and tab and LF into a space inside an
 * attribute value; written as character references (the forms of Canonical XML) they survive.
 */
const TEXT_SPECIAL = new RegExp(`[&<>\\r]|${FORBIDDEN}`, 'g');
const ATTRIBUTE_SPECIAL = new RegExp(`[&<>"\\t\\n\\r]|${FORBIDDEN}`, 'g');
const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};
const replace = (c: string): string => REFERENCES[c] ?? '\uFFFD';

/** Text content: `>` is escaped too, so `]]>` never appears. */
export function escapeXmlText(text: string): string {
  return text.replace(TEXT_SPECIAL, replace);
}

/** An attribute value inside double quotes. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL, replace);
}

/** Element and attribute names are Kader's own, never foreign text; this keeps it that way. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Not an XML name: ${JSON.stringify(name)}`);
  return name;
}

export type XmlAttributes = Readonly<Record<string, string | undefined>>;

export class XmlElement {
  private readonly children: XmlElement[] = [];
  private text: string | undefined;
  private readonly attributes: [string, string][] = [];

  /** Attributes are written in the order given; an undefined value leaves the attribute out. */
  constructor(
    readonly name: string,
    attributes: XmlAttributes = {},
  ) {
    checkName(name);
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) this.attributes.push([checkName(key), value]);
  }

  /** Appends a child element and returns it. */
  ele(name: string, attributes?: XmlAttributes): XmlElement {
    if (this.text !== undefined) throw new Error(`<${this.name}> has text; it cannot have elements too`);
    const child = new XmlElement(name, attributes);
    this.children.push(child);
    return child;
  }

  /** Sets the element's text content and returns the element. */
  txt(text: string): this {
    if (this.children.length > 0) throw new Error(`<${this.name}> has elements; it cannot have text too`);
    this.text = text;
    return this;
  }

  write(out: string[], depth: number): void {
    const indent = '  '.repeat(depth);
    let open = `${indent}<${this.name}`;
    for (const [key, value] of this.attributes) open += ` ${key}="${escapeXmlAttribute(value)}"`;
    if (this.text) out.push(`${open}>${escapeXmlText(this.text)}</${this.name}>`);
    else if (this.children.length === 0) out.push(`${open}/>`);
    else {
      out.push(`${open}>`);
      for (const child of this.children) child.write(out, depth + 1);
      out.push(`${indent}</${this.name}>`);
    }
  }
}

/** The document: the XML declaration, then the root element, one element per line, without a final line break. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  root.write(out, 0);
  return out.join('\n');
}
