// Mocha entry point, called by VS Code's extension host (code-server via launch.mjs, or a desktop
// VS Code via desktop.ts). Runs dist/test/extension/*.test.js and, when KADER_TEST_RESULTS names
// a file, writes the results there for the launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}
export interface TestResults {
  passed: number;
  failed: number;
  tests: TestResult[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, grep: process.env.KADER_TEST_GREP || undefined });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }

  const tests: TestResult[] = [];
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
      // Also emitted for failing hooks, which then count as failures.
      runner.on('fail', (test, err: Error) =>
        tests.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }),
      );
    });
  } catch (err) {
    // A test file that throws while loading; reported rather than left to the launcher's timeout.
    tests.push({ title: 'loading the test files', state: 'failed', error: (err as Error)?.stack ?? String(err) });
  }

  const results: TestResults = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    tests,
  };
  const file = process.env.KADER_TEST_RESULTS;
  if (file) {
    // Written whole and then renamed, so the launcher never reads half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  }
  if (results.failed > 0) throw new Error(`${results.failed} extension test(s) failed`);
  if (results.passed === 0) throw new Error('no extension tests ran');
}
