// The one way the server, the core and the CLI localise what they say, in the format of the
// client's vscode.l10n bundles: the key is the English message with `{0}` or `{name}`
// placeholders, l10n/bundle.l10n.nl.json maps it to Dutch (one file for client and server).
// Placeholders are filled like @vscode/l10n does: `{x}` with no value for x stays as written,
// there is no escape for braces.

import nl from '../../../l10n/bundle.l10n.nl.json';
import type { Locale } from './types';

type Value = string | number | boolean;

export interface Translate {
  (message: string, ...args: Value[]): string;
  (message: string, args: Readonly<Record<string, Value>>): string;
}

const BUNDLES: Readonly<Record<Locale, Readonly<Record<string, string>> | undefined>> = { en: undefined, nl };

/** `t` for a locale: the Dutch bundle's message for `nl` (the English key where it has none). */
export function localize(locale: Locale): Translate {
  const bundle = BUNDLES[locale];
  return (message: string, ...args: unknown[]): string => {
    const template = (bundle && Object.hasOwn(bundle, message) ? bundle[message] : undefined) ?? message;
    const first = args[0];
    const values = args.length === 1 && typeof first === 'object' && first !== null ? (first as Record<string, Value>) : (args as Value[]);
    return format(template, values);
  };
}

function format(template: string, values: Readonly<Record<string, Value>> | readonly Value[]): string {
  if (Object.keys(values).length === 0) return template;
  return template.replace(/{([^}]+)}/g, (match, name: string) => {
    const value = Object.hasOwn(values, name) ? (values as Record<string, Value | undefined>)[name] : undefined;
    return value === undefined ? match : String(value);
  });
}
