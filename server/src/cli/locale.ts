// The language of the CLI's messages.

import { localeOf } from '../core/messages';
import type { Locale } from '../core/types';

/**
 * The last valid `--lang en|nl`, else the language of `LANG`. Read before the arguments are
 * parsed, so that a usage error is in it too.
 */
export function cliLocale(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  let locale = localeOf(env['LANG']);
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'en' || value === 'nl') locale = value;
  }
  return locale;
}
