// A webview panel for one of Kader's pages: scripts on, forms off, and nothing to load but the
// page script bundles in dist/webview.

import * as vscode from 'vscode';
import { PAGE_SCRIPT_FOLDER, pageScriptPath, type PageOptions, type PageScript } from './page';
import { bytesToBase64 } from '../base64';
import { kaderLocale } from '../locale';

export function createPagePanel(extensionUri: vscode.Uri, viewType: string, title: string, column: vscode.ViewColumn): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, column, {
    enableScripts: true,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...PAGE_SCRIPT_FOLDER)],
  });
}

/** What a page needs for one rendering: a fresh nonce, the webview's source, the locale, the script's URI. */
export function pageOptions(webview: vscode.Webview, extensionUri: vscode.Uri, script: PageScript): PageOptions {
  return {
    nonce: bytesToBase64(crypto.getRandomValues(new Uint8Array(18))),
    cspSource: webview.cspSource,
    locale: kaderLocale(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...pageScriptPath(script))).toString(),
  };
}
