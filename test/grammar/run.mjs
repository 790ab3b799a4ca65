// Runs vscode-tmgrammar-test over test/grammar/*.test.md (or the files given as arguments).
// Kader's grammars come from package.json (contributes.grammars, with injectTo). The host is VS
// Code's Markdown grammar as shipped by the tm-grammars package, with the grammars the fixtures
// need (YAML front matter, inline HTML). Warnings about the other grammars Markdown embeds (the
// languages of fenced code blocks) are dropped; a missing grammar of ours is still reported.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const hosts = ['markdown', 'yaml', 'html', 'html-derivative'];
const args = hosts.flatMap((n) => ['-g', require.resolve(`tm-grammars/grammars/${n}.json`)]);
const cases = process.argv.length > 2 ? process.argv.slice(2) : ['test/grammar/*.test.md'];
const bin = require.resolve('vscode-tmgrammar-test/dist/unit.js');

const run = spawnSync(process.execPath, [bin, '--config', 'package.json', ...args, ...cases], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
});
const notOurs = /^grammar not found for "(?!kader\.|source\.kader-)/;
process.stderr.write(run.stderr.split('\n').filter((l) => !notOurs.test(l)).join('\n'));
process.exit(run.status ?? 1);
