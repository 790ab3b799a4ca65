// Runs the extension tests in a desktop VS Code downloaded by @vscode/test-electron (needs the
// internet, so not for CI). Build first, then: node --import tsx test/extension/desktop.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // Tests may edit the workspace, so they get a copy of the fixture.
  const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kader-desktop-')), 'workspace');
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist/test/extension/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { KADER_TEST_GREP: process.env.KADER_TEST_GREP ?? '' },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
