// Kader's words in the language `kader.language` chooses (VS Code's display language for `auto`),
// from the bundle the server uses too (l10n/bundle.l10n.nl.json). VS Code's own words, and the
// manifest's (command titles, settings, the walkthrough), stay in VS Code's display language.

import { localize, type Translate } from '../../server/src/core/l10n';
import { kaderLocale } from './locale';

/** Formats like vscode.l10n.t: `{0}` or `{name}` placeholders. */
export const t: Translate = (message: string, ...args: unknown[]): string => (localize(kaderLocale()) as (m: string, ...a: unknown[]) => string)(message, ...args);
