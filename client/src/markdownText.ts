// Transcript text shown inside Markdown (tooltips). MarkdownString.appendText turns every space
// into `&nbsp;`, so long quotes would not wrap; this escapes the syntax and keeps the spaces.

/** `text` as literal Markdown: every ASCII punctuation that could be syntax gets a backslash. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&"'=:$]/g, '\\$&').replace(/\r?\n/g, ' ');
}
