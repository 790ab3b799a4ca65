// Kader's settings (`kader.*`), read from whatever the client sends: VS Code's nested objects
// (`{ transcripts: { include } }`), dotted keys (`'transcripts.include'`), or nothing at all.
// A value of the wrong shape falls back to its default rather than breaking the server.

import { DEFAULT_CODEBOOK, DEFAULT_MAX_TRANSCRIPT_MB } from '../core/fileText';
import { PROJECT_SETTINGS, type ProjectSetting } from '../core/kaderProject';
import type { PrivacyRuleId } from '../core/privacy/findings';
import type { RuleId, Severity } from '../core/types';

export type SeveritySetting = Severity | 'off';
export type LanguageSetting = 'auto' | 'en' | 'nl';

export interface KaderSettings {
  include: string[];
  exclude: string[];
  /** Relative to the workspace folder, with `/`. */
  codebookPath: string;
  severity: Partial<Record<RuleId | PrivacyRuleId, SeveritySetting>>;
  language: LanguageSetting;
  /** Transcripts larger than this (MB, on disk or open) are reported and not read. */
  maxSizeMB: number;
  /** The key of pseudonyms (`kader.privacy.keyFile`): a path or URI outside the repository, as written. */
  privacyKeyFile: string | undefined;
  /** `kader.project`: whether the folder is a Kader project (auto: it has a codebook or a transcript with Kader front matter). */
  project: ProjectSetting;
}

export const DEFAULT_SETTINGS: KaderSettings = {
  include: ['**/*.md'],
  exclude: ['**/node_modules/**'],
  codebookPath: DEFAULT_CODEBOOK,
  severity: {},
  language: 'auto',
  maxSizeMB: DEFAULT_MAX_TRANSCRIPT_MB,
  privacyKeyFile: undefined,
  project: 'auto',
};

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

function lookup(raw: unknown, path: string[]): unknown {
  if (raw === null || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const dotted = path.join('.');
  if (dotted in record) return record[dotted];
  const [head, ...rest] = path;
  if (rest.length === 0) return record[head!];
  return lookup(record[head!], rest);
}

function stringList(value: unknown, fallback: string[]): string[] {
  if (!Array.isArray(value)) return fallback;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** A codebook path relative to the folder; absolute paths and `..` are refused. */
function codebookPath(value: unknown): string {
  if (typeof value !== 'string') return DEFAULT_CODEBOOK;
  let path = value.trim().replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  if (path === '' || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.split('/').includes('..')) return DEFAULT_CODEBOOK;
  return path;
}

/** Reads the `kader` section (the object under `kader`, or the whole settings with a `kader` key). */
export function readSettings(raw: unknown): KaderSettings {
  const section = raw !== null && typeof raw === 'object' && 'kader' in raw ? (raw as { kader: unknown }).kader : raw;
  const severity: KaderSettings['severity'] = {};
  const rawSeverity = lookup(section, ['diagnostics', 'severity']);
  if (rawSeverity !== null && typeof rawSeverity === 'object') {
    for (const [rule, value] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) severity[rule as RuleId | PrivacyRuleId] = value as SeveritySetting;
    }
  }
  const language = lookup(section, ['language']);
  const maxSizeMB = lookup(section, ['transcripts', 'maxSizeMB']);
  const keyFile = lookup(section, ['privacy', 'keyFile']);
  const project = lookup(section, ['project']);
  return {
    include: stringList(lookup(section, ['transcripts', 'include']), DEFAULT_SETTINGS.include),
    exclude: stringList(lookup(section, ['transcripts', 'exclude']), DEFAULT_SETTINGS.exclude),
    codebookPath: codebookPath(lookup(section, ['codebook', 'path'])),
    severity,
    language: language === 'en' || language === 'nl' ? language : 'auto',
    maxSizeMB: typeof maxSizeMB === 'number' && Number.isFinite(maxSizeMB) && maxSizeMB > 0 ? maxSizeMB : DEFAULT_SETTINGS.maxSizeMB,
    privacyKeyFile: typeof keyFile === 'string' && keyFile.trim() !== '' ? keyFile.trim() : undefined,
    project: PROJECT_SETTINGS.find((p) => p === project) ?? 'auto',
  };
}

/** The settings that decide which files a folder holds (a change means a new scan). */
export function sameFileSettings(a: KaderSettings, b: KaderSettings): boolean {
  return a.project === b.project && a.codebookPath === b.codebookPath && a.include.join('\0') === b.include.join('\0') && a.exclude.join('\0') === b.exclude.join('\0') && a.maxSizeMB === b.maxSizeMB;
}

/** Whether the diagnostics read the same under both: the severities, and the key of pseudonyms they find names with. */
export function sameSeverity(a: KaderSettings, b: KaderSettings): boolean {
  const keys = new Set([...Object.keys(a.severity), ...Object.keys(b.severity)]) as Set<RuleId | PrivacyRuleId>;
  return a.privacyKeyFile === b.privacyKeyFile && [...keys].every((k) => a.severity[k] === b.severity[k]);
}
