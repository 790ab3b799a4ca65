// Runs the extension-host test suite in a real VS Code: code-server (installed by
// scripts/install-vscode-host.sh) with its workbench opened in headless Chromium, as in
// shared/VSCODE-HOST.md. Expects `npm run build` to have produced dist/.
//
// Environment: KADER_TEST_TIMEOUT (seconds, default 480), KADER_TEST_GREP (a regular
// expression that test titles must match, as Mocha's --grep).
// The last line printed is always `N passed, N failed`; the exit code is non-zero on any failure,
// on zero tests and on timeout.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codeServer = path.join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const testsPath = path.join(root, 'dist/test/extension/index.js');
const screenshotPath = path.join(root, '.vscode-test/last-failure.png');
const timeoutMs = Number(process.env.KADER_TEST_TIMEOUT || 480) * 1000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-ext-'));
const workspace = path.join(tmp, 'workspace');
const userDataDir = path.join(tmp, 'user-data');
const resultsFile = path.join(tmp, 'results.json');
const logFile = path.join(tmp, 'code-server.log');

// Else code-server writes a config file (with a password) and logs, and Chromium its crash
// database, into the home folder.
const isolatedEnv = { XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') };

let server; // code-server, leader of its own process group
let serverExit; // set when it exits: { code, signal }
let context; // Chromium
let page;
const consoleErrors = [];

async function main() {
  for (const [file, what] of [[codeServer, 'scripts/install-vscode-host.sh'], [testsPath, 'npm run build']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run ${what}`);
  }
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  server = spawn(
    process.execPath,
    [
      codeServer,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', userDataDir,
      '--extensions-dir', path.join(tmp, 'extensions'),
      workspace,
    ],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        // code-server hands its environment on to the extension host, where index.ts reads these.
        KADER_TEST_RESULTS: resultsFile,
        KADER_TEST_GREP: process.env.KADER_TEST_GREP ?? '',
        ...isolatedEnv,
      },
    },
  );
  server.on('exit', (code, signal) => (serverExit = { code, signal }));

  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 60_000, 'code-server did not answer HTTP');

  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, ...isolatedEnv },
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (err) => consoleErrors.push(String(err)));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  await until(() => fs.existsSync(resultsFile), timeoutMs, `no test results after ${timeoutMs / 1000} s`);
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it is truthy; fails at the deadline or as soon as code-server has exited. */
async function until(check, ms, message) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (serverExit) throw new Error(`code-server exited (${serverExit.code ?? serverExit.signal}) before: ${message}`);
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function reportFailure() {
  if (page) {
    fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath }).then(
      () => console.log(`screenshot: ${path.relative(root, screenshotPath)}`),
      (err) => console.log(`screenshot failed: ${err.message}`),
    );
  }
  if (fs.existsSync(logFile)) {
    const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
    console.log(`--- code-server log (last ${Math.min(40, lines.length)} lines) ---`);
    console.log(lines.slice(-40).join('\n'));
  }
  if (consoleErrors.length) {
    console.log(`--- browser console errors (${consoleErrors.length}) ---`);
    console.log(consoleErrors.slice(-20).join('\n'));
  }
}

async function stop() {
  await context?.close().catch(() => {});
  if (server) {
    const kill = (signal) => {
      try {
        process.kill(-server.pid, signal);
      } catch {
        // the group is gone already
      }
    };
    if (!serverExit) {
      const exited = new Promise((r) => server.once('exit', r));
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    kill('SIGKILL'); // children that outlive the leader (the file watcher)
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (server) try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    process.exit(130);
  });
}

let results;
let error;
try {
  results = await main();
} catch (err) {
  error = err;
}

if (results) {
  for (const t of results.tests) console.log(`  ${t.state === 'passed' ? 'pass' : 'FAIL'}  ${t.title}`);
  const failures = results.tests.filter((t) => t.state !== 'passed');
  failures.forEach((t, i) => console.log(`\n${i + 1}) ${t.title}\n${t.error}`));
  if (results.passed + results.failed === 0) console.log('\nno tests ran (check KADER_TEST_GREP)');
} else {
  console.log(`extension tests did not complete: ${error?.stack ?? error}`);
}
const ok = results && results.failed === 0 && results.passed > 0;
if (!ok) await reportFailure();
await stop();
// A run that never produced results counts as one failure.
console.log(results ? `${results.passed} passed, ${results.failed} failed` : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
