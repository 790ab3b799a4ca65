// Mocha entry point in the web worker extension host (test/web/launch.mjs). There is no Node and
// no environment here: the launcher's options come from `.kader-test/options.json` in the
// workspace, and the results go to `.kader-test/results.json` beside it, both through
// vscode.workspace.fs.

import * as vscode from 'vscode';
import loadTests from 'kader:web-tests';
import type { TestResult, TestResults } from '../extension/index';

// The browser build of Mocha (its own process shim, no Node) sets globalThis.mocha, Mocha's browser
// instance (scripts/build.mjs: mochaGlobal).
import 'mocha/mocha.js';

interface BrowserMocha {
  setup(options: { ui: string; timeout: number; color: boolean; reporter: string; grep?: string }): void;
  run(done: (failures: number) => void): MochaRunner;
}
interface MochaRunner {
  on(event: 'pass', listener: (test: { fullTitle(): string }) => void): void;
  on(event: 'fail', listener: (test: { fullTitle(): string }, error: Error) => void): void;
}

const folder = (): vscode.Uri => {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(first.uri, '.kader-test');
};

async function options(): Promise<{ grep?: string }> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'options.json'))));
  } catch {
    return {};
  }
}

export async function run(): Promise<void> {
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  const tests: TestResult[] = [];
  try {
    const { grep } = await options();
    mocha.setup({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', grep: grep || undefined });
    loadTests();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
      runner.on('fail', (test, error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error?.stack ?? String(error) }));
    });
  } catch (error) {
    tests.push({ title: 'loading the test files', state: 'failed', error: (error as Error)?.stack ?? String(error) });
  }
  const results: TestResults = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    tests,
  };
  // Written whole and then renamed, so the launcher never reads half a file.
  const file = vscode.Uri.joinPath(folder(), 'results.json');
  const partial = vscode.Uri.joinPath(folder(), 'results.json.tmp');
  await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(JSON.stringify(results, null, 2)));
  await vscode.workspace.fs.rename(partial, file, { overwrite: true });
  if (results.failed > 0) throw new Error(`${results.failed} web extension test(s) failed`);
  if (results.passed === 0) throw new Error('no web extension tests ran');
}
