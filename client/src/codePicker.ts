// The quick pick for choosing codes: the codebook's codes and the codes in use (`kader/codes`),
// recently used first, then in codebook order with sub-codes under their aspect. Typing a code
// that does not exist yet offers it as a new code.

import * as vscode from 'vscode';
import { CodesRequest, type CodeInfo, type CodesResult } from '../../server/src/protocol';
import type { ColorIcons } from './colorIcons';
import type { KaderServer } from './kaderServer';
import { fragmentCount } from './treeView';

const CODE_PATH = /^[\p{L}\p{N}][\p{L}\p{N}_-]*(?:\/[\p{L}\p{N}][\p{L}\p{N}_-]*)*$/u;
const RECENT_KEY = 'kader.recentCodes';
const LAST_KEY = 'kader.lastCodes';
const RECENT_MAX = 30;
/** Recently used codes shown above the others. */
const RECENT_SHOWN = 5;

/** `#a/b` or `a/b` → `a/b` when it is a valid code path (SYNTAX.md §1). */
export function parseCode(text: string): string | undefined {
  const code = text.trim().replace(/^#/, '');
  return CODE_PATH.test(code) ? code : undefined;
}

function aspectOf(code: string): string {
  return code.split('/')[0]!;
}

/** Most recently used codes and the last codes given, in workspace state. */
export class CodeHistory {
  constructor(private readonly state: vscode.Memento) {
    void this.updateContext();
  }

  get recent(): string[] {
    return this.state.get<string[]>(RECENT_KEY, []);
  }

  get last(): string[] {
    return this.state.get<string[]>(LAST_KEY, []);
  }

  /** Records codes just given; `asLast` makes them what Repeat Last Code gives (Code Selection). */
  async used(codes: string[], asLast: boolean): Promise<void> {
    const recent = [...codes, ...this.recent.filter((c) => !codes.includes(c))].slice(0, RECENT_MAX);
    await this.state.update(RECENT_KEY, recent);
    if (asLast) {
      await this.state.update(LAST_KEY, codes);
      await this.updateContext();
    }
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'kader.hasLastCode', this.last.length > 0);
  }
}

interface CodeItem extends vscode.QuickPickItem {
  code?: string;
  isNew?: boolean;
}

export interface PickOptions {
  document?: vscode.TextDocument;
  canPickMany: boolean;
  title: string;
  /** Codes not to offer (e.g. those the fragment has already). */
  exclude?: string[];
}

export interface PickedCodes {
  codes: string[];
  /** Codes that neither the codebook nor any transcript has. */
  created: string[];
  /** The server's answer, for the codebook's location. */
  known: CodesResult | undefined;
}

export class CodePicker {
  constructor(
    private readonly server: KaderServer,
    private readonly history: CodeHistory,
    private readonly icons: ColorIcons,
  ) {}

  async codes(document?: vscode.TextDocument): Promise<CodesResult | undefined> {
    return this.server.request(CodesRequest, document ? { uri: document.uri.toString() } : {});
  }

  /** Codebook order with each aspect's sub-codes under it; codes in use that the codebook lacks, by name. */
  static order(codes: CodeInfo[]): CodeInfo[] {
    const defined = codes.filter((c) => c.defined);
    const rank = new Map(defined.map((c, i) => [c.code, i]));
    const aspectRank = (code: string): number => rank.get(aspectOf(code)) ?? defined.length;
    return [...codes].sort(
      (a, b) =>
        aspectRank(a.code) - aspectRank(b.code) ||
        aspectOf(a.code).localeCompare(aspectOf(b.code)) ||
        Number(a.code.includes('/')) - Number(b.code.includes('/')) ||
        (rank.get(a.code) ?? defined.length) - (rank.get(b.code) ?? defined.length) ||
        a.code.localeCompare(b.code),
    );
  }

  private item(info: CodeInfo): CodeItem {
    const depth = info.code.split('/').length - 1;
    const count = fragmentCount(info.count);
    const item: CodeItem = {
      label: `#${info.code}`,
      description: [info.name !== info.code ? info.name : undefined, count, info.defined ? undefined : vscode.l10n.t('not in the codebook')]
        .filter(Boolean)
        .join(' · '),
      code: info.code,
    };
    if (info.description) item.detail = `${'\u2003'.repeat(depth)}${info.description}`;
    const icon = this.icons.uri(info.color, depth === 0 ? 'aspect' : 'code');
    item.iconPath = icon ?? new vscode.ThemeIcon(depth === 0 ? 'circle-large-outline' : 'circle-small');
    return item;
  }

  private async load(options: PickOptions): Promise<{ known: CodesResult | undefined; byCode: Map<string, CodeInfo>; items: CodeItem[] }> {
    const known = await this.codes(options.document);
    const all = CodePicker.order(known?.codes ?? []);
    await this.icons.ensure(all.map((c) => c.color));
    const byCode = new Map(all.map((c) => [c.code, c]));
    const offered = all.filter((c) => !options.exclude?.includes(c.code));
    const recent = this.history.recent.filter((c) => offered.some((o) => o.code === c)).slice(0, RECENT_SHOWN);
    const items: CodeItem[] = [];
    if (recent.length) {
      items.push({ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...recent.map((c) => this.item(byCode.get(c)!)));
      items.push({ label: vscode.l10n.t('All codes'), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push(...offered.filter((c) => !recent.includes(c.code)).map((c) => this.item(c)));
    return { known, byCode, items };
  }

  async pick(options: PickOptions): Promise<PickedCodes | undefined> {
    // Shown at once, busy until the server's codes are there.
    const quickPick = vscode.window.createQuickPick<CodeItem>();
    quickPick.title = options.title;
    quickPick.placeholder = options.canPickMany
      ? vscode.l10n.t('Choose one or more codes, or type a new code such as #intentie/gestuurd')
      : vscode.l10n.t('Choose a code, or type a new code such as #intentie/gestuurd');
    quickPick.canSelectMany = options.canPickMany;
    quickPick.matchOnDescription = true;
    quickPick.busy = true;

    let known: CodesResult | undefined;
    let byCode = new Map<string, CodeInfo>();
    let base: CodeItem[] = [];
    let newItem: CodeItem | undefined;
    let closed = false;
    const update = (reload = false): void => {
      if (closed) return;
      const code = parseCode(quickPick.value);
      const fresh = code && !byCode.has(code) ? code : undefined;
      if (!reload && fresh === newItem?.code) return;
      const selected = quickPick.selectedItems.filter((i) => i !== newItem);
      newItem = fresh
        ? { label: `#${fresh}`, description: vscode.l10n.t('new code'), code: fresh, isNew: true, alwaysShow: true, iconPath: new vscode.ThemeIcon('add') }
        : undefined;
      quickPick.items = newItem ? [newItem, ...base] : base;
      if (options.canPickMany) quickPick.selectedItems = selected.filter((i) => quickPick.items.includes(i));
      if (newItem) quickPick.activeItems = [newItem];
    };
    const disposables: vscode.Disposable[] = [quickPick, quickPick.onDidChangeValue(() => update())];
    void this.load(options).then((loaded) => {
      known = loaded.known;
      byCode = loaded.byCode;
      base = loaded.items;
      if (closed) return;
      quickPick.busy = false;
      update(true);
    });

    try {
      const chosen = await new Promise<CodeItem[] | undefined>((resolve) => {
        disposables.push(
          quickPick.onDidAccept(() => {
            let items = options.canPickMany ? [...quickPick.selectedItems] : [...quickPick.activeItems];
            // Enter without ticking anything takes the highlighted (or the typed) code.
            if (items.length === 0) items = [...quickPick.activeItems];
            resolve(items.filter((i) => i.code));
            quickPick.hide();
          }),
          quickPick.onDidHide(() => resolve(undefined)),
        );
        quickPick.show();
      });
      if (!chosen || chosen.length === 0) return undefined;
      const codes = [...new Set(chosen.map((i) => i.code!))];
      return { codes, created: chosen.filter((i) => i.isNew).map((i) => i.code!), known };
    } finally {
      closed = true;
      for (const d of disposables) d.dispose();
    }
  }
}
