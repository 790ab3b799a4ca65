// Runs the web-host test suite (test/web/*.test.ts) in code-server's web worker extension host,
// in headless Chromium (shared/VSCODE-WEB-HOST.md): the user setting `remote.extensionKind` moves
// Kader, which has both a `main` and a `browser` entry, into the browser; its language server then
// runs in a Web Worker. Expects `npm run build` to have produced dist/browser/.
//
// Environment: KADER_TEST_TIMEOUT (seconds, default 300), KADER_TEST_GREP (a regular expression
// that test titles must match, as Mocha's --grep).
// The last line printed is always `N passed, N failed`; the exit code is non-zero on any failure,
// on zero tests and on timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerHost, finishRun, QUIET_SETTINGS, root } from '../extension/host.mjs';

const testsPath = path.join(root, 'dist/browser/test/index.js');
const screenshotPath = path.join(root, '.vscode-test/last-web-failure.png');
const timeoutMs = Number(process.env.KADER_TEST_TIMEOUT || 300) * 1000;
const started = Date.now();

const host = new CodeServerHost('kader-web-');
const workspace = path.join(host.tmp, 'workspace');
// test/web/index.ts reads the options and writes the results here, through vscode.workspace.fs.
const exchange = path.join(workspace, '.kader-test');
const resultsFile = path.join(exchange, 'results.json');
const browserConsole = [];
let exitCode; // what the workbench reports when the suite's run() settles: 0 resolved, 1 rejected

async function main() {
  for (const file of ['dist/browser/client.js', 'dist/browser/test/index.js']) {
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run npm run build`);
  }
  // Without it Kader still activates; the tests that need its language server fail.
  if (!fs.existsSync(path.join(root, 'dist/browser/server.js'))) console.log('dist/browser/server.js is missing (see test/web/browser-build.test.ts)');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  fs.mkdirSync(exchange, { recursive: true });
  fs.writeFileSync(path.join(exchange, 'options.json'), JSON.stringify({ grep: process.env.KADER_TEST_GREP ?? '' }));
  const page = await host.start({
    workspace,
    settings: { ...QUIET_SETTINGS, 'remote.extensionKind': { 'kader.kader': ['web'] } },
    browser: { viewport: { width: 1280, height: 800 } },
    extensionTestsPath: testsPath,
  });
  page.on('console', (msg) => browserConsole.push(`[${msg.type()}] ${msg.text()}`));
  // The workbench calls it when the tests' run() settles; exposed once the page has loaded,
  // which is long before the suite ends.
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
  });
  await host.until(
    () => fs.existsSync(resultsFile) || exitCode !== undefined,
    timeoutMs,
    `no test results after ${timeoutMs / 1000} s`,
  );
  // run() writes the results before it settles.
  await host.until(() => fs.existsSync(resultsFile), 5_000, `the suite ended (code ${exitCode}) without writing results`);
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

let results;
let error;
try {
  results = await main();
} catch (err) {
  error = err;
}

await finishRun(host, { results, error, what: 'web extension tests', screenshotPath, consoleLines: browserConsole.length ? browserConsole : host.consoleErrors, started });
