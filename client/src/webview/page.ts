// A whole webview page: a strict Content-Security-Policy, the page's own style sheet, its body, and
// its one script, the bundle dist/webview/<page>.js. Style and script carry the nonce of the policy.

import type { Locale } from '../../../server/src/core/types';
import { html, type SafeHtml } from './html';

export interface PageOptions {
  /** A fresh random nonce per rendering (base64 or hex). */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  locale: Locale;
  /** The page's script bundle as the webview loads it (`asWebviewUri`). */
  scriptUri: string;
}

/** The page scripts, bundled by scripts/build.mjs from client/src/webview/scripts/<page>/main.ts. */
export type PageScript = 'statistics' | 'agreement' | 'quoteReader' | 'autocode' | 'memo';

/** The one folder a webview may load from. */
export const PAGE_SCRIPT_FOLDER = ['dist', 'webview'] as const;

/** Where a page's script bundle lies in the extension, as path segments. */
export function pageScriptPath(script: PageScript): string[] {
  return [...PAGE_SCRIPT_FOLDER, `${script}.js`];
}

/**
 * A strict policy, as the text of the page's `content` attribute: nothing by default; styles and
 * scripts only with the nonce; images from the webview's own resources and data: (the PNG export).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): SafeHtml {
  return html`default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'nonce-${nonce}'; font-src ${cspSource}; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
}

export function webviewPage(options: PageOptions, page: { title: string; style: SafeHtml; body: SafeHtml }): string {
  const { nonce } = options;
  return html`<!DOCTYPE html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style nonce="${nonce}">${page.style}</style>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${options.scriptUri}"></script>
</body>
</html>
`.toString();
}
