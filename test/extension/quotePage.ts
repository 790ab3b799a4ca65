// Reading the quote reader's page in tests.

/** The quotes of the reader's page as text: `file line · practice · coder`, the context line (`Before: …`), each turn (indented), the memo. */
export function quotesOf(html: string): string[][] {
  const text = (s: string): string =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<li class="quote">(.*?)<\/li>/gs)].map(([, item]) => {
    const lines = [text(/<div class="meta">(.*?)<\/div>/s.exec(item!)?.[1] ?? '')];
    const context = /<p class="context">(.*?)<\/p>/s.exec(item!)?.[1];
    if (context) lines.push(text(context));
    for (const [, turn] of item!.matchAll(/<p class="turn[^"]*">(.*?)<\/p>/gs)) lines.push(`  ${text(turn!)}`);
    const memo = /<p class="memo">(.*?)<\/p>/s.exec(item!)?.[1];
    if (memo) lines.push(text(memo));
    return lines;
  });
}
