// Whether a folder is a Kader project, so that Kader speaks only where it belongs: a folder with
// a codebook, or with a transcript whose front matter names Kader's keys, or one the user made a
// project (`kader.project`). Everywhere else a Markdown file is just Markdown. No I/O: the
// workspace gathers the evidence, this module decides.

/** `kader.project`: decide from the folder's files, or always, or never a project. */
export type ProjectSetting = 'auto' | 'always' | 'never';

export const PROJECT_SETTINGS: readonly ProjectSetting[] = ['auto', 'always', 'never'];

/** Front matter keys that make a Markdown file a Kader transcript (docs/SYNTAX.md §5). */
export const PROJECT_KEYS: readonly string[] = ['kader', 'practice', 'coder'];

/** What a folder holds that says it is a Kader project. */
export interface ProjectEvidence {
  /** A codebook file exists at the codebook path (readable or not). */
  codebook: boolean;
  /** At least one transcript has Kader front matter. */
  marked: boolean;
}

export function isKaderProject(setting: ProjectSetting, evidence: ProjectEvidence): boolean {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return evidence.codebook || evidence.marked;
}

/** Front matter longer than this is not looked into for the keys (no transcript has that much). */
const FRONT_MATTER_LIMIT = 64 * 1024;
const KEY = new RegExp(`^(?:${PROJECT_KEYS.join('|')})[ \\t]*:`);

/**
 * Whether `text` opens with YAML front matter (`---` on the first line, up to a closing `---` or
 * `...`) holding one of PROJECT_KEYS at its top level. Reads only the front matter.
 */
export function hasKaderFrontMatter(text: string): boolean {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEnd(text, start);
  if (text.slice(start, firstEnd).trimEnd() !== '---') return false;
  start = nextLine(text, firstEnd);
  while (start < text.length && start < FRONT_MATTER_LIMIT) {
    const end = lineEnd(text, start);
    const line = text.slice(start, end);
    const trimmed = line.trimEnd();
    if (trimmed === '---' || trimmed === '...') return false;
    if (KEY.test(line)) return true;
    start = nextLine(text, end);
  }
  return false;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, end: number): number {
  if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) return end + 2;
  return end + 1;
}
