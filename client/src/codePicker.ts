// The quick pick for choosing codes: the codebook's codes and the codes in use (`kader/codes`),
// recently used first, then in codebook order with sub-codes under their aspect. Typing ranks the
// codes that fit (codeMatch.ts) and highlights the best, which Enter takes; a code that does not
// exist yet is offered by a separate item after the matches, and a new name close to an existing
// code asks which one was meant.

import * as vscode from 'vscode';
import { CodesRequest, type CodeInfo, type CodesResult } from '../../server/src/protocol';
import type { ColorIcons } from './colorIcons';
import { fold, frameworkNames, nearCodes, rankCodes, type MatchCandidate } from './codeMatch';
import type { KaderServer } from './kaderServer';
import { fragmentCount } from './treeView';
import { t } from './l10n';

const CODE_PATH = /^[\p{L}\p{N}][\p{L}\p{N}_-]*(?:\/[\p{L}\p{N}][\p{L}\p{N}_-]*)*$/u;
const RECENT_KEY = 'kader.recentCodes';
const LAST_KEY = 'kader.lastCodes';
const RECENT_MAX = 30;
/** Recently used codes shown above the others. */
const RECENT_SHOWN = 5;
/** Existing codes offered when a new name is close to them. */
const NEAR_SHOWN = 3;

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

interface CodeCandidate extends MatchCandidate {
  item: CodeItem;
}

/** The names a code is found by: its codebook name, and the framework's in Dutch and English. */
function namesOf(info: CodeInfo): string[] {
  return [...new Set([info.name, ...frameworkNames(info.code)])];
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

export class CodePicker implements vscode.Disposable {
  private readonly showEmitter = new vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem>>();
  /** Fires with each quick pick the picker shows (the codes, and the question about a near name); for tests. */
  readonly onDidShow = this.showEmitter.event;

  constructor(
    private readonly server: KaderServer,
    private readonly history: CodeHistory,
    private readonly icons: ColorIcons,
  ) {}

  dispose(): void {
    this.showEmitter.dispose();
  }

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
      description: [info.name !== info.code ? info.name : undefined, count, info.defined ? undefined : t('not in the codebook')]
        .filter(Boolean)
        .join(' · '),
      code: info.code,
      // Kader filters the items itself (codeMatch.ts); VS Code must not hide a match on another name.
      alwaysShow: true,
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
      items.push({ label: t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...recent.map((c) => this.item(byCode.get(c)!)));
      items.push({ label: t('All codes'), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push(...offered.filter((c) => !recent.includes(c.code)).map((c) => this.item(c)));
    return { known, byCode, items };
  }

  private show<T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>): void {
    quickPick.show();
    this.showEmitter.fire(quickPick as unknown as vscode.QuickPick<vscode.QuickPickItem>);
  }

  async pick(options: PickOptions): Promise<PickedCodes | undefined> {
    // Shown at once, busy until the server's codes are there.
    const quickPick = vscode.window.createQuickPick<CodeItem>();
    quickPick.title = options.title;
    quickPick.placeholder = options.canPickMany
      ? t('Choose one or more codes, or type a new code such as #intentie/gestuurd')
      : t('Choose a code, or type a new code such as #intentie/gestuurd');
    quickPick.canSelectMany = options.canPickMany;
    quickPick.matchOnDescription = true;
    quickPick.busy = true;

    let known: CodesResult | undefined;
    let byCode = new Map<string, CodeInfo>();
    let base: CodeItem[] = [];
    let candidates: CodeCandidate[] = [];
    let newItem: CodeItem | undefined;
    /** The value the items were made for: Enter on an older list ranks the value itself. */
    let shownFor: string | undefined;
    let checked: CodeItem[] = [];
    let closed = false;
    const update = (): void => {
      if (closed || quickPick.busy) return;
      const value = quickPick.value;
      shownFor = value;
      const code = parseCode(value);
      const fresh = code && !byCode.has(code) ? code : undefined;
      if (fresh !== newItem?.code) newItem = fresh ? this.newItem(fresh) : undefined;
      // Kader filters and ranks; VS Code would hide the matches on other names and typing errors.
      const matches = fold(value) ? rankCodes(value, candidates).map((c) => c.item) : undefined;
      let items = matches ?? base;
      if (options.canPickMany) items = [...items, ...checked.filter((i) => !items.includes(i))];
      quickPick.items = newItem ? [...items, newItem] : items;
      if (options.canPickMany) quickPick.selectedItems = checked.filter((i) => quickPick.items.includes(i));
      const best = matches?.[0] ?? (matches ? newItem : undefined);
      if (best) quickPick.activeItems = [best];
    };
    const disposables: vscode.Disposable[] = [
      quickPick,
      quickPick.onDidChangeValue(() => update()),
      quickPick.onDidChangeSelection((selected) => {
        if (options.canPickMany) checked = [...selected];
      }),
    ];
    void this.load(options).then((loaded) => {
      known = loaded.known;
      byCode = loaded.byCode;
      base = loaded.items;
      candidates = loaded.items.filter((i) => i.code).map((item) => ({ code: item.code!, names: namesOf(byCode.get(item.code!)!), item }));
      if (closed) return;
      quickPick.busy = false;
      update();
    });

    try {
      const chosen = await new Promise<CodeItem[] | undefined>((resolve) => {
        disposables.push(
          quickPick.onDidAccept(() => {
            if (quickPick.busy) return;
            let items = options.canPickMany ? [...quickPick.selectedItems] : [];
            if (items.length === 0) {
              // Enter without ticking anything takes the highlighted code, the best match of what is typed.
              if (shownFor !== quickPick.value) {
                const best = rankCodes(quickPick.value, candidates)[0]?.item;
                if (!best) {
                  update(); // no code fits: the new-code item appears, to be chosen on purpose
                  return;
                }
                items = [best];
              } else items = [...quickPick.activeItems];
            }
            items = items.filter((i) => i.code);
            if (items.length === 0) return;
            resolve(items);
            quickPick.hide();
          }),
          quickPick.onDidHide(() => resolve(undefined)),
        );
        this.show(quickPick);
      });
      if (!chosen || chosen.length === 0) return undefined;
      const codes: string[] = [];
      const created: string[] = [];
      for (const item of chosen) {
        let code = item.code!;
        if (item.isNew) {
          const near = nearCodes(code, candidates);
          const answer = near.length ? await this.askNear(code, near.slice(0, NEAR_SHOWN)) : code;
          if (answer === undefined) return undefined;
          code = answer;
          if (!byCode.has(code)) created.push(code);
        }
        if (!codes.includes(code)) codes.push(code);
      }
      return { codes, created, known };
    } finally {
      closed = true;
      for (const d of disposables) d.dispose();
    }
  }

  private newItem(code: string): CodeItem {
    // The label does not end with the typed text, so VS Code's sort keeps the item after the matches.
    return { label: t('New code “{0}”', `#${code}`), code, isNew: true, alwaysShow: true, iconPath: new vscode.ThemeIcon('add') };
  }

  /** A new name close to existing codes: which one was meant? The existing code is highlighted. */
  private async askNear(code: string, near: CodeCandidate[]): Promise<string | undefined> {
    const quickPick = vscode.window.createQuickPick<CodeItem>();
    quickPick.title = t('Did you mean {0}?', `#${near[0]!.code}`);
    quickPick.placeholder = t('Choose the existing code, or make the new code anyway');
    const made = { ...this.newItem(code), alwaysShow: false };
    quickPick.items = [...near.map((c) => ({ ...c.item, alwaysShow: false })), made];
    quickPick.activeItems = [quickPick.items[0]!];
    try {
      return await new Promise<string | undefined>((resolve) => {
        quickPick.onDidAccept(() => {
          resolve(quickPick.activeItems[0]?.code);
          quickPick.hide();
        });
        quickPick.onDidHide(() => resolve(undefined));
        this.show(quickPick);
      });
    } finally {
      quickPick.dispose();
    }
  }
}
