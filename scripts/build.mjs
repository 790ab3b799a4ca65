// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
};
const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist' },
  { entryPoints: { server: 'server/src/main.ts', cli: 'server/src/cli/bin.ts', parseWorker: 'server/src/workspace/parseWorker.ts', importWorker: 'server/src/workspace/importWorker.ts' }, outdir: 'dist' },
  // The webview pages' scripts (client/src/webview/scripts/<page>/main.ts): browser bundles, dist/webview/<page>.js.
  {
    entryPoints: { statistics: 'client/src/webview/scripts/statistics/main.ts', agreement: 'client/src/webview/scripts/agreement/main.ts' },
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
];
for (const b of builds) {
  const options = { ...common, ...b };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
