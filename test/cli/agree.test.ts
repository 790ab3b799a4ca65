import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { isSafeRevision, listRefs, showAtRevision } from '../../server/src/workspace/git';
import { folder, run } from './helpers';

const ANNA = '---\ncoder: anna\n---\nIk kwam [omdat het moest]{#intentie} en bleef.\n\nTweede alinea hier.\n';
const BERT = '---\ncoder: bert\n---\nIk kwam omdat het moest en bleef. {#intentie}\n\nTweede [alinea]{#actanten} hier.\n';

describe('kader agree', () => {
  test('two files, text format: the table and the disagreements', async () => {
    const root = folder({ 'anna.md': ANNA, 'bert.md': BERT });
    const { code, out, err } = await run(['agree', 'anna.md', 'bert.md'], root);
    assert.equal(err, '');
    assert.equal(code, 0);
    // 55 characters: "Ik kwam omdat het moest en bleef." (33) + "\n\n" + "Tweede alinea hier." (19) + "\n".
    // #actanten: onlyB 6 ("alinea"), neither 49. Po = 49/55 = 89.1 %; pA = 0, pB = 6/55,
    //   Pe = 0·pB + 1·49/55 = Po, so kappa = 0. Alpha: n = 110, n0 = 2·49 + 6 = 104, n1 = 6,
    //   alpha = 1 − 109·6/(104·6) = −0.048.
    // #intentie: both 15 ("omdat het moest"), onlyB 18 (the rest of B's paragraph), neither 22.
    //   Po = 37/55 = 67.3 %; pA = 15/55, pB = 33/55; Pe = (15·33 + 40·22)/55² = 1375/3025 = 0.4545;
    //   kappa = (0.6727 − 0.4545)/(1 − 0.4545) = 0.400. Alpha: n0 = 44 + 18 = 62, n1 = 30 + 18 = 48,
    //   alpha = 1 − 109·18/(62·48) = 1 − 1962/2976 = 0.341.
    // Overall: means: 78.2 %, kappa 0.200, alpha 0.146. Segments: A's 1, B's 2, none agree.
    assert.equal(
      out,
      [
        'anna.md vs bert.md',
        '',
        'A: anna.md (anna)',
        'B: bert.md (bert)',
        '',
        '55 characters compared.',
        '',
        'Code       Agreement  Kappa   Alpha     Segments',
        '#actanten     89.1 %  0.000  -0.048  0/1 (0.0 %)',
        '#intentie     67.3 %  0.400   0.341  0/2 (0.0 %)',
        'Overall       78.2 %  0.200   0.146  0/3 (0.0 %)',
        '',
        // #actanten is the prevalence case (89.1 % yet kappa 0) and below chance (alpha < 0).
        '#actanten: 80 % agreement or more, yet kappa below 0.4. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.',
        '#actanten: alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.',
        'How to read agreement, kappa and alpha: docs/agreement.md in the Kader documentation.',
        '',
        'Disagreements:',
        '',
        'anna.md:4:1: "Ik kwam"  A: –  B: #intentie',
        'anna.md:4:38: "en bleef."  A: –  B: #intentie',
        'anna.md:6:8: "alinea"  A: –  B: #actanten',
        '',
      ].join('\n'),
    );
  });

  test('json and markdown formats; --threshold', async () => {
    const root = folder({ 'a.md': '[abcdefghij]{#x}klmnopqrst', 'b.md': 'a[bcdefghij]{#x}klmnopqrst' });
    const json = await run(['agree', 'a.md', 'b.md', '--format', 'json'], root);
    const body = JSON.parse(json.out);
    assert.equal(body.a, 'a.md');
    assert.equal(body.threshold, 90);
    assert.deepEqual(body.codes[0].segments, { agreeing: 2, total: 2, percent: 100, a: { agreeing: 1, total: 1 }, b: { agreeing: 1, total: 1 } });
    const strict = JSON.parse((await run(['agree', 'a.md', 'b.md', '--format', 'json', '--threshold', '95'], root)).out);
    assert.equal(strict.codes[0].segments.agreeing, 0);
    const markdown = await run(['agree', 'a.md', 'b.md', '--format', 'markdown', '--lang', 'nl'], root);
    assert.match(markdown.out, /^## a\.md vs b\.md\n/);
    assert.match(markdown.out, /\| Code \| Overeenstemming \| Kappa \| Alfa \| Segmenten \|\n\| --- \| ---: \| ---: \| ---: \| ---: \|\n\| #x \| 95,0 % \| 0,900 \|/);
    assert.match(markdown.out, /\| 1 \| a \| #x \| – \|/);
  });

  test('texts that differ: where, in each file', async () => {
    const root = folder({ 'a.md': 'Een.\nTwee [x]{#x}.\n', 'b.md': 'Een.\nDrie [x]{#x}.\n' });
    const { code, out } = await run(['agree', 'a.md', 'b.md'], root);
    assert.equal(code, 0);
    assert.match(out, /The texts differ \(besides the coding\): first at A:2 and B:2; only the text they share is compared\.\n  A:2: Twee \[x\]\{#x\}\.\n  B:2: Drie \[x\]\{#x\}\.\n/);
  });

  test('a folder: every pair with the same text and another coder', async () => {
    const root = folder({ 'g/anna.md': ANNA, 'g/bert.md': BERT, 'h/alleen.md': '---\ncoder: anna\n---\nIets anders.\n' });
    const { code, out } = await run(['agree', '.', '--format', 'json'], root);
    assert.equal(code, 0);
    const body = JSON.parse(out);
    assert.deepEqual(body.pairs.map((p: { a: string; b: string }) => [p.a, p.b]), [['g/anna.md', 'g/bert.md']]);
    assert.equal(body.compared, 55);
    const text = await run(['agree', '.'], root);
    assert.match(text.out, /Total:\n\n1 pair of codings\. 55 characters compared\.\n/);
    const none = await run(['agree', 'h'], root);
    assert.match(none.out, /^No pairs found/);
  });

  test('a note for a high agreement with a low kappa, and one for a negative alpha, naming the codes', async () => {
    // 100 characters (99 letters and the newline).
    // #p: A codes 0–6, B 0–1 and 7–11: both 2, onlyA 5, onlyB 5, neither 88. Po = 90 %; pA = pB = 0.07,
    //   Pe = 0.0049 + 0.8649 = 0.8698, kappa = 0.0302 / 0.1302 = 0.232. Alpha: n0 = 186, n1 = 14,
    //   alpha = 1 − 199·10 / (186·14) = 0.236: a high percentage, a low kappa, alpha not negative.
    // #t: A codes 20–49, B 50–79: onlyA 30, onlyB 30, neither 40. Po = 40 %; Pe = 0.09 + 0.49 = 0.58,
    //   kappa = −0.18 / 0.42 = −0.429. Alpha: n0 = 140, n1 = 60, alpha = 1 − 199·60 / (140·60) = −0.421.
    const s = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, 99);
    const root = folder({
      'a.md': `[${s.slice(0, 7)}]{#p}${s.slice(7, 20)}[${s.slice(20, 50)}]{#t}${s.slice(50)}\n`,
      'b.md': `[${s.slice(0, 2)}]{#p}${s.slice(2, 7)}[${s.slice(7, 12)}]{#p}${s.slice(12, 50)}[${s.slice(50, 80)}]{#t}${s.slice(80)}\n`,
    });
    const { out } = await run(['agree', 'a.md', 'b.md'], root);
    assert.equal(
      out.slice(out.indexOf('Code '), out.indexOf('Disagreements:')),
      [
        'Code     Agreement   Kappa   Alpha     Segments',
        '#p          90.0 %   0.232   0.236  0/3 (0.0 %)',
        '#t          40.0 %  -0.429  -0.421  0/2 (0.0 %)',
        'Overall     65.0 %  -0.098  -0.093  0/5 (0.0 %)',
        '',
        '#p: 80 % agreement or more, yet kappa below 0.4. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.',
        '#t: alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.',
        'How to read agreement, kappa and alpha: docs/agreement.md in the Kader documentation.',
        '',
        '',
      ].join('\n'),
    );
    const nl = await run(['agree', 'a.md', 'b.md', '--lang', 'nl', '--format', 'markdown'], root);
    assert.ok(
      nl.out.includes(
        [
          '',
          '- \\#p: 80 % overeenstemming of meer, en toch kappa onder 0.4. Het meeste van de tekst laten beide codeerders ongecodeerd, dus zouden ze ook bij toeval al zo vaak overeenstemmen; kappa telt alleen de overeenstemming boven toeval.',
          '- \\#t: alfa onder 0. De codeerders stemmen minder overeen dan bij toeval: een teken dat ze het stelselmatig oneens zijn.',
          '- Hoe je overeenstemming, kappa en alfa leest: docs/agreement.nl.md in de documentatie van Kader.',
          '',
        ].join('\n'),
      ),
      nl.out,
    );
    // Every figure reads as it looks: no note.
    const same = folder({ 'a.md': '[Ik kwam]{#intentie} omdat het moest.\n', 'b.md': '[Ik kwam]{#intentie} omdat het moest.\n' });
    assert.doesNotMatch((await run(['agree', 'a.md', 'b.md'], same)).out, /How to read/);
  });

  test('--min-kappa and --min-alpha: exit 1 and a line on stderr per figure below its minimum', async () => {
    const root = folder({ 'anna.md': ANNA, 'bert.md': BERT });
    const both = await run(['agree', 'anna.md', 'bert.md', '--min-kappa', '0.3', '--min-alpha', '0'], root);
    assert.equal(both.code, 1);
    assert.equal(
      both.err,
      [
        'kader: anna.md vs bert.md: #actanten: kappa 0.000 is below --min-kappa 0.3',
        'kader: anna.md vs bert.md: #actanten: alpha -0.048 is below --min-alpha 0',
        'kader: anna.md vs bert.md: Overall: kappa 0.200 is below --min-kappa 0.3',
        '',
      ].join('\n'),
    );
    // The report itself is unchanged.
    assert.equal(both.out, (await run(['agree', 'anna.md', 'bert.md'], root)).out);

    // Every figure at or above its minimum (compared as shown: 0.400 is not below 0.4): exit 0.
    const met = await run(['agree', 'anna.md', 'bert.md', '--min-kappa', '-0.5', '--min-alpha', '-0.048'], root);
    assert.deepEqual([met.code, met.err], [0, '']);
    const intentie = await run(['agree', 'anna.md', 'bert.md', '--min-kappa', '0.4'], root);
    assert.equal(intentie.code, 1);
    assert.doesNotMatch(intentie.err, /#intentie/);

    // JSON stays JSON on stdout; Dutch on stderr.
    const json = await run(['agree', 'anna.md', 'bert.md', '--format', 'json', '--min-alpha', '0.2', '--lang', 'nl'], root);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.out).a, 'anna.md');
    assert.equal(
      json.err,
      [
        'kader: anna.md vs bert.md: #actanten: alfa -0,048 ligt onder --min-alpha 0.2',
        'kader: anna.md vs bert.md: Totaal: alfa 0,146 ligt onder --min-alpha 0.2',
        '',
      ].join('\n'),
    );

    // A folder: each pair and the total.
    const pairs = await run(['agree', '.', '--min-kappa', '0.1'], root);
    assert.equal(pairs.code, 1);
    assert.equal(pairs.err, 'kader: anna.md vs bert.md: #actanten: kappa 0.000 is below --min-kappa 0.1\nkader: Total: #actanten: kappa 0.000 is below --min-kappa 0.1\n');
  });

  test('--min-kappa and --min-alpha take a number from -1 to 1, else exit 2', async () => {
    const root = folder({ 'anna.md': ANNA, 'bert.md': BERT });
    for (const [flag, value] of [['--min-kappa', 'hoog'], ['--min-kappa', '1.5'], ['--min-alpha', '-2'], ['--min-alpha', ''], ['--min-kappa', '60%']] as const) {
      const { code, out, err } = await run(['agree', 'anna.md', 'bert.md', flag, value], root);
      assert.equal(code, 2, `${flag} ${value}`);
      assert.equal(out, '');
      assert.equal(err, `kader: ${flag} takes a number from -1 to 1 (got "${value}")\nRun "kader --help" for usage.\n`);
    }
    const nl = await run(['agree', 'anna.md', 'bert.md', '--min-alpha', 'x', '--lang', 'nl'], root);
    assert.equal(nl.err, 'kader: --min-alpha vraagt een getal van -1 tot en met 1 (niet "x")\nZie "kader --help" voor het gebruik.\n');
    const help = await run(['agree', '--help'], root);
    assert.match(help.out, /--min-kappa K +Exit 1 when a kappa \(per code, overall\) is below K \(-1 to 1\)\.\n +--min-alpha A +Exit 1 when an alpha \(per code, overall\) is below A \(-1 to 1\)\.\n/);
  });

  test('the worked example of docs/agreement.md and docs/agreement.nl.md is what kader agree says', async () => {
    for (const [doc, lang] of [['agreement.md', 'en'], ['agreement.nl.md', 'nl']] as const) {
      const text = readFileSync(path.join(__dirname, '../../docs', doc), 'utf8');
      const blocks = [...text.matchAll(/```(markdown|text)\n([\s\S]*?)```/g)].map((m) => m[2]!);
      assert.equal(blocks.length, 3, doc);
      const [anna, bert, table] = blocks as [string, string, string];
      const root = folder({ 'anna.md': `---\ncoder: anna\n---\n${anna}`, 'bert.md': `---\ncoder: bert\n---\n${bert}` });
      const { code, out } = await run(['agree', 'anna.md', 'bert.md', '--lang', lang], root);
      assert.equal(code, 0);
      assert.ok(out.includes(`\n${table}\n`), `${doc}:\n${out}`);
    }
  });

  test('usage errors exit 2', async () => {
    const root = folder({ 'a.md': 'x' });
    assert.equal((await run(['agree', 'a.md'], root)).code, 2);
    assert.equal((await run(['agree', 'a.md', 'b.md'], root)).code, 2);
    assert.equal((await run(['agree', 'a.md', 'a.md', '--threshold', '0'], root)).code, 2);
    assert.equal((await run(['agree', 'a.md', 'a.md', '--format', 'csv'], root)).code, 2);
    const bad = await run(['agree', 'a.md', '--rev', '--output=/tmp/x'], root);
    assert.equal(bad.code, 2);
  });
});

describe('kader agree --rev (git)', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });

  test('a file against its version on a colleague\'s branch', async () => {
    const root = folder({ 'praktijk/gesprek.md': ANNA });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'anna codes');
    git(root, 'checkout', '-q', '-b', 'bert');
    writeFileSync(path.join(root, 'praktijk/gesprek.md'), BERT);
    git(root, 'commit', '-q', '-am', 'bert codes');
    git(root, 'checkout', '-q', 'main');

    assert.equal(await showAtRevision(path.join(root, 'praktijk/gesprek.md'), 'bert'), BERT);
    const refs = await listRefs(root);
    assert.deepEqual(refs.map((r) => [r.name, r.kind]).sort(), [['bert', 'branch'], ['main', 'branch']]);

    const { code, out, err } = await run(['agree', 'gesprek.md', '--rev', 'bert'], path.join(root, 'praktijk'));
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /^gesprek\.md vs gesprek\.md@bert\n\nA: gesprek\.md \(anna\)\nB: gesprek\.md@bert \(bert\)\n/);
    assert.match(out, /#intentie +67\.3 % +0\.400/);

    const missing = await run(['agree', 'gesprek.md', '--rev', 'nope'], path.join(root, 'praktijk'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /gesprek\.md at nope: /);
  });

  test('revisions that could be read as options are refused', () => {
    assert.equal(isSafeRevision('main'), true);
    assert.equal(isSafeRevision('HEAD~2'), true);
    assert.equal(isSafeRevision('origin/anna'), true);
    assert.equal(isSafeRevision('--output=x'), false);
    assert.equal(isSafeRevision('a b'), false);
    assert.equal(isSafeRevision('main:other.md'), false);
  });
});
