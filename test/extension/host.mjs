// A real VS Code on a headless machine (shared/VSCODE-HOST.md): code-server, installed by
// scripts/install-vscode-host.sh, with its workbench in Debian's Chromium driven by playwright-core.
// Used by the extension-host test launcher (launch.mjs) and the README pictures
// (scripts/screenshots.mjs). Everything it writes lives in one temporary folder, removed by stop().
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServer = path.join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');

/** Settings that keep the workbench quiet: no updates, telemetry, trust prompts or start page. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export class CodeServerHost {
  /** @param {string} prefix of the temporary folder */
  constructor(prefix) {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.userDataDir = path.join(this.tmp, 'user-data');
    this.logFile = path.join(this.tmp, 'code-server.log');
    // Else code-server writes a config file (with a password) and logs, and Chromium its crash
    // database, into the home folder.
    this.isolatedEnv = { XDG_CONFIG_HOME: path.join(this.tmp, 'xdg-config'), XDG_DATA_HOME: path.join(this.tmp, 'xdg-data') };
    this.server = undefined; // code-server, leader of its own process group
    this.serverExit = undefined; // set when it exits: { code, signal }
    this.context = undefined; // Chromium
    this.page = undefined;
    this.consoleErrors = [];
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        this.killGroup('SIGKILL');
        fs.rmSync(this.tmp, { recursive: true, force: true });
        process.exit(130);
      });
    }
  }

  /**
   * Starts code-server on `workspace` with these user settings and opens the workbench with the
   * extension under development (and `extensionTestsPath`, when given).
   */
  async start({ workspace, settings, env = {}, serverArgs = [], browser = {}, extensionTestsPath }) {
    if (!fs.existsSync(codeServer)) throw new Error(`${path.relative(root, codeServer)} is missing: run scripts/install-vscode-host.sh`);
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));

    const port = await freePort();
    const log = fs.openSync(this.logFile, 'w');
    this.server = spawn(
      process.execPath,
      [
        codeServer,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        ...serverArgs,
        '--user-data-dir', this.userDataDir,
        '--extensions-dir', path.join(this.tmp, 'extensions'),
        workspace,
      ],
      // code-server hands its environment on to the extension host.
      { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...env, ...this.isolatedEnv } },
    );
    this.server.on('exit', (code, signal) => (this.serverExit = { code, signal }));

    const base = `http://127.0.0.1:${port}`;
    await this.until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 60_000, 'code-server did not answer HTTP');

    this.context = await chromium.launchPersistentContext(path.join(this.tmp, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, ...this.isolatedEnv },
      ...browser,
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
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page = page;
    page.on('console', (msg) => msg.type() === 'error' && this.consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => this.consoleErrors.push(String(err)));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(root)]];
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return page;
  }

  /** Polls `check` until it is truthy; fails at the deadline or as soon as code-server has exited. */
  async until(check, ms, message) {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (this.serverExit) throw new Error(`code-server exited (${this.serverExit.code ?? this.serverExit.signal}) before: ${message}`);
      if (Date.now() > deadline) throw new Error(message);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The last lines of code-server's log. */
  logTail(lines) {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines) : [];
  }

  killGroup(signal) {
    if (!this.server) return;
    try {
      process.kill(-this.server.pid, signal);
    } catch {
      // the group is gone already
    }
  }

  /** Closes Chromium, ends code-server's whole process group and removes the temporary folder. */
  async stop() {
    await this.context?.close().catch(() => {});
    if (this.server) {
      if (!this.serverExit) {
        const exited = new Promise((r) => this.server.once('exit', r));
        this.killGroup('SIGTERM');
        const timer = setTimeout(() => this.killGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      this.killGroup('SIGKILL'); // children that outlive the leader (the file watcher)
    }
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/**
 * Ends a launcher's run: prints each test's result and the failures; on any failure (or none run)
 * a screenshot, code-server's log and the browser console; stops the host and exits non-zero
 * unless every test passed. The last line is always `N passed, N failed`.
 */
export async function finishRun(host, { results, error, what, screenshotPath, consoleLines = host.consoleErrors, started }) {
  if (results) {
    for (const t of results.tests) console.log(`  ${t.state === 'passed' ? 'pass' : 'FAIL'}  ${t.title}`);
    const failures = results.tests.filter((t) => t.state !== 'passed');
    failures.forEach((t, i) => console.log(`\n${i + 1}) ${t.title}\n${t.error}`));
    if (results.passed + results.failed === 0) console.log('\nno tests ran (check KADER_TEST_GREP)');
  } else {
    console.log(`${what} did not complete: ${error?.stack ?? error}`);
  }
  const ok = results && results.failed === 0 && results.passed > 0;
  if (!ok) {
    if (host.page) {
      fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
      await host.page.screenshot({ path: screenshotPath }).then(
        () => console.log(`screenshot: ${path.relative(root, screenshotPath)}`),
        (err) => console.log(`screenshot failed: ${err.message}`),
      );
    }
    const log = host.logTail(40);
    if (log.length) console.log(`--- code-server log (last ${log.length} lines) ---\n${log.join('\n')}`);
    if (consoleLines.length) console.log(`--- browser console (last ${Math.min(40, consoleLines.length)} of ${consoleLines.length}) ---\n${consoleLines.slice(-40).join('\n')}`);
  }
  await host.stop();
  if (started !== undefined) console.log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // A run that never produced results counts as one failure.
  console.log(results ? `${results.passed} passed, ${results.failed} failed` : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}
