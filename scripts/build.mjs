// Bundles the extension client, the language server and the CLI with esbuild; and the same client
// and server for the browser (dist/browser: the web worker extension host, the server in a Web Worker).
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
};
/**
 * Browser bundles: no Node built-ins and no polyfills for them (test/web/browser-build.test.ts
 * fails on any); `global` is the browser's globalThis. Both run in workers (the web extension host,
 * the server's Web Worker), which have no DOM: packages' `worker` builds are preferred to their
 * `browser` ones (decode-named-character-reference's reads entities through `document`).
 */
export const BROWSER = { platform: 'browser', target: 'es2022', conditions: ['worker'], external: ['vscode'], define: { global: 'globalThis' } };

/**
 * The extension's browser entry (CommonJS, as the web extension host loads it) and the server's Web
 * Worker (an IIFE).
 */
export function browserBuilds() {
  return [
    { entryPoints: { client: 'client/src/browser.ts' }, outdir: 'dist/browser', ...BROWSER, format: 'cjs' },
    { entryPoints: { server: 'server/src/browser.ts' }, outdir: 'dist/browser', ...BROWSER, format: 'iife' },
  ];
}

/** `kader:web-tests`: a function that loads every test/web/*.test.ts (the web host has no file system to list). */
const webTests = {
  name: 'kader-web-tests',
  setup(build) {
    build.onResolve({ filter: /^kader:web-tests$/ }, () => ({ path: 'web-tests', namespace: 'kader' }));
    build.onLoad({ filter: /.*/, namespace: 'kader' }, () => {
      // Tests that run under node:test (the browser build's, clientFileSystem's) stay out.
      const files = fs
        .readdirSync('test/web')
        .filter((f) => f.endsWith('.test.ts') && !/from 'node:test'/.test(fs.readFileSync(`test/web/${f}`, 'utf8')))
        .sort();
      return {
        contents: `module.exports = () => {\n${files.map((f) => `  require(${JSON.stringify(`./${f}`)});`).join('\n')}\n};\nmodule.exports.files = ${JSON.stringify(files)};`,
        resolveDir: 'test/web',
        loader: 'js',
      };
    });
  },
};

/**
 * Mocha's browser build is a UMD script in an ES module package: bundled as it is, it would see the
 * test bundle's own `module` and replace its exports. It is made to take the global branch instead
 * (globalThis.mocha).
 */
const mochaGlobal = {
  name: 'kader-mocha-global',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `var module, exports, define;\n${await fs.promises.readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};

const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' },
  { entryPoints: { server: 'server/src/main.ts', cli: 'server/src/cli/bin.ts', parseWorker: 'server/src/workspace/parseWorker.ts', importWorker: 'server/src/workspace/importWorker.ts' }, outdir: 'dist' },
  // The webview pages' scripts (client/src/webview/scripts/<page>/main.ts): browser bundles, dist/webview/<page>.js.
  {
    entryPoints: { statistics: 'client/src/webview/scripts/statistics/main.ts', agreement: 'client/src/webview/scripts/agreement/main.ts', quoteReader: 'client/src/webview/scripts/quoteReader/main.ts', autocode: 'client/src/webview/scripts/autocode/main.ts', memo: 'client/src/webview/scripts/memo/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    external: [],
  },
  // Extension-host tests: the Mocha entry point and one bundle per test file (test/extension/launch.mjs).
  {
    entryPoints: ['test/extension/index.ts', 'test/extension/*.test.ts'],
    outbase: 'test/extension',
    outdir: 'dist/test/extension',
    external: ['vscode', 'mocha'],
  },
  // The web suite's tests of a researcher's everyday commands run in the Node host too.
  { entryPoints: { 'everyday.test': 'test/web/everyday.test.ts' }, outdir: 'dist/test/extension', external: ['vscode', 'mocha'] },
  ...browserBuilds(),
  // Web-host tests (test/web/launch.mjs): the Mocha entry point with every test file in it.
  {
    entryPoints: { index: 'test/web/index.ts' },
    outdir: 'dist/browser/test',
    ...BROWSER,
    format: 'cjs',
    plugins: [webTests, mochaGlobal],
  },
];
// Run as a script: build everything (or watch). Imported (test/web/browser-build.test.ts): nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const b of builds) {
    const options = { ...common, ...b };
    if (watch) await (await esbuild.context(options)).watch();
    else await esbuild.build(options);
  }
}
