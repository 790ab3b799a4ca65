// The locale Kader's language server and generated texts use: the `kader.language` setting, or
// VS Code's display language when it is `auto`.

import * as vscode from 'vscode';
import type { Locale } from '../../server/src/core/types';

export function kaderLocale(): Locale {
  const setting = vscode.workspace.getConfiguration('kader').get<string>('language', 'auto');
  if (setting === 'en' || setting === 'nl') return setting;
  return vscode.env.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
