// The links a Markdown reader would make of a text: what the output-escaping tests look for.

import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * Every link, image and HTML node a GFM reader finds in `markdown`, but the bare web addresses it
 * links in any text (http or https only; the HTML report leaves them text).
 */
export function linksOf(markdown: string): string[] {
  const found: string[] = [];
  const walk = (node: { type: string; url?: string; children?: unknown[] }): void => {
    const address = node.type === 'link' && /^https?:\/\//.test(node.url ?? '');
    if (!address && (node.type === 'link' || node.type === 'image' || node.type === 'html')) found.push(`${node.type} ${node.url ?? ''}`);
    for (const child of (node.children ?? []) as never[]) walk(child);
  };
  walk(unified().use(remarkParse).use(remarkGfm).parse(markdown) as never);
  return found;
}
