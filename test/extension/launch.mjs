// Runs the extension-host test suite in a real VS Code (host.mjs: code-server with its workbench
// in headless Chromium, as in shared/VSCODE-HOST.md). Expects `npm run build` to have produced dist/.
//
// Environment: KADER_TEST_TIMEOUT (seconds, default 480), KADER_TEST_GREP (a regular
// expression that test titles must match, as Mocha's --grep).
// The last line printed is always `N passed, N failed`; the exit code is non-zero on any failure,
// on zero tests and on timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerHost, finishRun, QUIET_SETTINGS, root } from './host.mjs';

const testsPath = path.join(root, 'dist/test/extension/index.js');
const screenshotPath = path.join(root, '.vscode-test/last-failure.png');
const timeoutMs = Number(process.env.KADER_TEST_TIMEOUT || 480) * 1000;

const host = new CodeServerHost('kader-ext-');
const workspace = path.join(host.tmp, 'workspace');
const resultsFile = path.join(host.tmp, 'results.json');

async function main() {
  if (!fs.existsSync(testsPath)) throw new Error(`${path.relative(root, testsPath)} is missing: run npm run build`);
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  await host.start({
    workspace,
    settings: QUIET_SETTINGS,
    // index.ts reads these in the extension host.
    env: { KADER_TEST_RESULTS: resultsFile, KADER_TEST_GREP: process.env.KADER_TEST_GREP ?? '' },
    browser: { viewport: { width: 1280, height: 800 } },
    extensionTestsPath: testsPath,
  });
  await host.until(() => fs.existsSync(resultsFile), timeoutMs, `no test results after ${timeoutMs / 1000} s`);
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

let results;
let error;
try {
  results = await main();
} catch (err) {
  error = err;
}

await finishRun(host, { results, error, what: 'extension tests', screenshotPath });
