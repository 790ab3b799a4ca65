// Small coloured circles for codes in the tree views and the code picker. A ThemeIcon cannot take
// an arbitrary colour, so each colour is written once as an SVG file into the extension's global
// storage; `uri` is synchronous, `ensure` must have finished before the icon is shown.

import * as vscode from 'vscode';
import { normalizeColor } from './colors';

export type IconSize = 'aspect' | 'code';

export class ColorIcons {
  private readonly written = new Map<string, Promise<void>>();
  private readonly folder: vscode.Uri;

  constructor(storage: vscode.Uri) {
    this.folder = vscode.Uri.joinPath(storage, 'icons');
  }

  /** The icon of `color` (`#RGB`/`#RRGGBB`), or undefined when it is not a colour. */
  uri(color: string | undefined, size: IconSize): vscode.Uri | undefined {
    const hex = normalizeColor(color);
    if (!hex) return undefined;
    return vscode.Uri.joinPath(this.folder, `${size}-${hex.slice(1)}.svg`);
  }

  /** Writes the icons of these colours that are not written yet. */
  async ensure(colors: Iterable<string | undefined>): Promise<void> {
    const work: Promise<void>[] = [];
    for (const color of colors) {
      for (const size of ['aspect', 'code'] as const) {
        const uri = this.uri(color, size);
        if (!uri) continue;
        const key = uri.toString();
        let done = this.written.get(key);
        if (!done) {
          done = this.write(uri, normalizeColor(color)!, size);
          this.written.set(key, done);
        }
        work.push(done);
      }
    }
    await Promise.all(work);
  }

  private async write(uri: vscode.Uri, hex: string, size: IconSize): Promise<void> {
    const r = size === 'aspect' ? 5.5 : 3.5;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` +
      `<circle cx="8" cy="8" r="${r}" fill="${hex}" stroke="#00000040" stroke-width="0.75"/></svg>`;
    try {
      await vscode.workspace.fs.createDirectory(this.folder);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(svg));
    } catch {
      // Without the file the item shows no icon; nothing else depends on it.
      this.written.delete(uri.toString());
    }
  }
}
