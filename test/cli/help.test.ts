// `kader --help` in English and Dutch: the same commands and options, the report's new ones
// described in both.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { run } from './helpers';

/** The commands (the first word of an indented line) and the options named in a help text. */
function vocabulary(help: string): { commands: string[]; options: string[] } {
  const commands = [...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!);
  const options = [...new Set([...help.matchAll(/--[a-z-]+/g)].map((m) => m[0]))].sort();
  return { commands, options };
}

describe('kader --help', () => {
  test('English and Dutch help name the same commands and options', async () => {
    const en = await run(['--help']);
    const nl = await run(['--help', '--lang', 'nl']);
    assert.equal(en.code, 0);
    assert.equal(nl.code, 0);
    assert.ok(en.out.startsWith('Usage: kader <command> [folder] [options]\n'), en.out);
    assert.ok(nl.out.startsWith('Gebruik: kader <opdracht> [map] [opties]\n'), nl.out);
    assert.deepEqual(vocabulary(nl.out), vocabulary(en.out));
    assert.deepEqual(vocabulary(en.out).commands, ['check', 'report', 'query', 'export', 'import', 'key', 'pseudonymise', 'reidentify', 'autocode', 'autocode', 'hooks', 'agree', 'agree', 'agree']);
  });

  test('every command answers --help with the help, exit 0', async () => {
    const help = (await run(['--help'])).out;
    for (const command of ['check', 'report', 'query', 'export', 'import', 'key', 'pseudonymise', 'reidentify', 'autocode', 'hooks', 'agree']) {
      const { code, out, err } = await run([command, '--help']);
      assert.deepEqual({ code, out, err }, { code: 0, out: help, err: '' }, command);
    }
  });

  test('the report’s options and --coder are described in both languages', async () => {
    const en = (await run(['report', '--help'])).out;
    const nl = (await run(['report', '--help', '--lang', 'nl'])).out;
    assert.ok(en.includes('      --group-by aspect|practice   Aspect, then practice (default), or practice, then aspect.\n'), en);
    assert.ok(en.includes('      --quotes               Text format: each quote under its code, with speaker, transcript and line.\n'), en);
    assert.ok(en.includes('JSON and CSV also hold\n                             the aspects against the learning level and loop, when the codebook has them.\n'), en);
    assert.ok(en.includes('  --coder NAME      Only fragments of transcripts coded by NAME (report, query, export); exit 2, naming\n                    the coders there are, when no transcript is coded by NAME.\n'), en);
    assert.ok(nl.includes('      --group-by aspect|practice   Eerst aspect, dan praktijk (standaard), of eerst praktijk, dan aspect.\n'), nl);
    assert.ok(nl.includes('      --quotes               Formaat text: elk citaat onder zijn code, met spreker, transcript en regel.\n'), nl);
    assert.ok(nl.includes('JSON en CSV bevatten ook\n                             de aspecten tegen leerniveau en lus, als het codeboek die heeft.\n'), nl);
    assert.ok(nl.includes('  --coder NAME      Alleen fragmenten van transcripten gecodeerd door NAME (report, query, export); eindig\n'), nl);
  });

  test('LANG=nl_NL gives the Dutch help; no command at all gives it too, with exit 2', async () => {
    let out = '';
    const io = { out: (text: string): void => void (out += text), err: (): void => {}, env: { LANG: 'nl_NL.UTF-8' }, cwd: process.cwd() };
    assert.equal(await runCli([], io), 2);
    assert.ok(out.startsWith('Gebruik: kader <opdracht> [map] [opties]\n'), out);
  });
});
