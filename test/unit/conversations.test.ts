// One conversation, counted once: two coders' codings of one conversation count with one coder's
// coding in the views and the statistics; a coder filter shows that coder's coding.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { treeLevel } from '../../server/src/core/index/aggregate';
import { conversationFingerprint, conversationsOf, leftOutCodings } from '../../server/src/core/index/conversations';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { jsonReport, markdownReport, textReport } from '../../server/src/core/outputs/report';
import { computeStatistics } from '../../server/src/core/outputs/statistics';
import { builtInCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { md } from './helpers';

const codebook = builtInCodebook('nl');

/** One invented conversation, coded as `codes` say: the front matter's extra lines, then the coded turns. */
function coding(coder: string, extra: string[], first: string, second: string): string {
  return md('---', 'practice: Buurtkamer Oost', `coder: ${coder}`, ...extra, '---', '## Vraag 1', '', `**S1:** ${first}`, '', `**S2:** ${second}`, '');
}

const ANNA = coding('anna', [], 'Ik kwam [omdat het moest]{#intentie/gestuurd}.', 'Wij [praten veel]{#activiteit}.');
const BRAM = coding('bram', [], '[Ik kwam omdat het moest]{#intentie}.', 'Wij praten veel. {#activiteit #context}');

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.set(path, path, parseTranscript(text));
  return index;
}

function aspectCounts(index: WorkspaceIndex, coder?: string): string[] {
  return treeLevel(index, codebook, 'aspects', coder ? { coder } : {}, 'nl')
    .filter((n) => n.count > 0)
    .map((n) => `${n.code} ${n.count}`);
}

describe('conversations counted once', () => {
  test('two codings of one conversation have one fingerprint; another conversation another', () => {
    assert.equal(conversationFingerprint(parseTranscript(ANNA)), conversationFingerprint(parseTranscript(BRAM)));
    const fingerprint = (first: string, second: string, heading = 'Vraag 1'): string =>
      conversationFingerprint(parseTranscript(coding('bram', [], first, second).replace('Vraag 1', heading)));
    const own = fingerprint('Ik kwam omdat het moest.', 'Wij praten veel.');
    assert.equal(own, conversationFingerprint(parseTranscript(ANNA)));
    assert.notEqual(fingerprint('Ik kwam omdat het niet moest.', 'Wij praten veel.'), own);
    assert.notEqual(fingerprint('Ik kwam omdat het moest.', '**S3:** Wij praten veel.'), own);
    assert.notEqual(fingerprint('Ik kwam omdat het moest.', 'Wij praten veel.', 'Vraag 2'), own);
    // The model keeps no text: words of the same length in the same turns and headings look alike
    // (SYNTAX.md §5: such transcripts say `counted: true`).
    assert.equal(fingerprint('Ik kwam omdat het mocht.', 'Wij praten veel.'), own);
  });

  test('without a word on it, the first coder by name counts, and Kader says it chose', () => {
    const index = indexOf({ 'oost/bram.md': BRAM, 'oost/anna.md': ANNA });
    assert.deepEqual(aspectCounts(index), ['intentie 1', 'activiteit 1']);
    assert.deepEqual(leftOutCodings(index), [{ path: 'oost/bram.md', coder: 'bram', countedPath: 'oost/anna.md', countedCoder: 'anna', chosen: true }]);
    // The per-coder view: each coder's coding of the conversation.
    assert.deepEqual(aspectCounts(index, 'bram'), ['intentie 1', 'activiteit 1', 'context 1']);
    assert.deepEqual(aspectCounts(index, 'anna'), ['intentie 1', 'activiteit 1']);
  });

  test('counted: true says whose coding counts; counted: false leaves a transcript out', () => {
    const bramCounts = indexOf({ 'oost/anna.md': ANNA, 'oost/bram.md': BRAM.replace('coder: bram', 'coder: bram\ncounted: true') });
    assert.deepEqual(aspectCounts(bramCounts), ['intentie 1', 'activiteit 1', 'context 1']);
    assert.deepEqual(leftOutCodings(bramCounts), [{ path: 'oost/anna.md', coder: 'anna', countedPath: 'oost/bram.md', countedCoder: 'bram', chosen: false }]);

    const lone = indexOf({ 'oost/anna.md': ANNA.replace('coder: anna', 'coder: anna\ncounted: false') });
    assert.deepEqual(aspectCounts(lone), []);
    assert.deepEqual(leftOutCodings(lone), [{ path: 'oost/anna.md', coder: 'anna', chosen: false }]);
    assert.deepEqual(aspectCounts(lone, 'anna'), ['intentie 1', 'activiteit 1']);
  });

  test('the same words in another practice, or by one coder twice, are two conversations', () => {
    const practices = indexOf({ 'oost/anna.md': ANNA, 'west/bram.md': BRAM.replace('Buurtkamer Oost', 'Buurtkamer West') });
    assert.deepEqual(conversationsOf(practices).second, []);
    const twice = indexOf({ 'oost/a.md': ANNA, 'oost/b.md': ANNA });
    assert.deepEqual(conversationsOf(twice).second, []);
    assert.deepEqual(aspectCounts(twice), ['intentie 2', 'activiteit 2']);
  });

  test('the statistics count the conversation once and name the coding left out; filtered by coder, that coder’s', () => {
    const index = indexOf({ 'oost/anna.md': ANNA, 'oost/bram.md': BRAM });
    const all = computeStatistics(index, codebook, 'nl');
    assert.equal(all.total, 2);
    assert.deepEqual(all.leftOut, [{ path: 'oost/bram.md', coder: 'bram', countedPath: 'oost/anna.md', countedCoder: 'anna', chosen: true }]);
    const bram = computeStatistics(index, codebook, 'nl', { filter: { coder: 'bram' } });
    assert.equal(bram.total, 2);
    assert.deepEqual(bram.frequencies.filter((f) => f.count > 0).map((f) => `${f.code} ${f.count}`), ['intentie 1', 'activiteit 1', 'context 1']);
    assert.deepEqual(bram.leftOut, []);
  });

  test('a change to either coding is followed', () => {
    const index = indexOf({ 'oost/anna.md': ANNA, 'oost/bram.md': BRAM });
    assert.equal(conversationsOf(index).left.size, 1);
    index.set('oost/bram.md', 'oost/bram.md', parseTranscript(BRAM.replace('Wij praten veel.', 'Wij praten heel veel.')));
    assert.equal(conversationsOf(index).left.size, 0);
    assert.deepEqual(aspectCounts(index), ['intentie 2', 'activiteit 2', 'context 1']);
  });

  test('the reports count the conversation once and say which coding is left out and how to choose', () => {
    const index = indexOf({ 'oost/anna.md': ANNA, 'oost/bram.md': BRAM });
    const report = markdownReport({ index, codebook, locale: 'nl' });
    assert.ok(
      report.includes(
        [
          'Elk gesprek telt één keer. Deze coderingen tellen niet mee:',
          '',
          '- `oost/bram.md` (bram): `oost/anna.md` (anna) telt (de eerste codeur op naam)',
          '',
          'Zeg wiens codering telt met `counted: true` in de front matter; `--coder NAME` toont de codering van één codeur voor elk gesprek.',
          '',
          '| Aspect | Buurtkamer Oost | Totaal |',
        ].join('\n'),
      ),
      report,
    );
    assert.ok(report.includes('| Intentie | 1 | 1 |'), report);
    assert.ok(!markdownReport({ index, codebook, locale: 'nl', filter: { coder: 'bram' } }).includes('Elk gesprek'));
    assert.ok(textReport({ index, codebook, locale: 'en' }).endsWith('\n\nEach conversation is counted once. These codings are left out of the counts:\n\n- oost/bram.md (bram): oost/anna.md (anna) counts (the first coder by name)\n\nSay whose coding counts with counted: true in its front matter; --coder NAME shows one coder’s coding of every conversation.\n'));
    const json = jsonReport({ index, codebook, locale: 'en' }) as { documents: { path: string; counted: boolean }[]; fragments: unknown[] };
    assert.deepEqual(json.documents.map((d) => [d.path, d.counted]), [['oost/anna.md', true], ['oost/bram.md', false]]);
    assert.equal(json.fragments.length, 2);
  });
});

describe('the Statistics page names the codings left out', () => {
  test('each with the coding that counts, how to choose, escaped, in English and Dutch', async () => {
    const { statisticsHtml, DEFAULT_VIEW } = await import('../../client/src/statistics/html');
    const index = indexOf({ 'oost/anna.md': ANNA, 'oost/<b>bram.md': BRAM });
    const stats = computeStatistics(index, codebook, 'nl');
    const data = { ...stats, fragments: stats.fragments.map((f) => ({ ...f, uri: `file:///${f.path}` })) };
    const page = (locale: 'en' | 'nl', d = data): string => statisticsHtml(d, DEFAULT_VIEW, { nonce: 'bm9uY2U=', cspSource: 'x', locale, scriptUri: 'x/s.js' });
    assert.ok(
      page('en').includes(
        '<div class="counted-once" role="note"><p>Each conversation counts once. Left out of these figures:</p><ul><li>oost/&lt;b&gt;bram.md (bram): oost/anna.md (anna) counts (the first coder by name)</li></ul><p>Say whose coding counts with counted: true in its front matter; the Coder filter shows each coder’s coding.</p></div>',
      ),
      page('en'),
    );
    assert.ok(page('nl').includes('<li>oost/&lt;b&gt;bram.md (bram): oost/anna.md (anna) telt (de eerste codeur op naam)</li>'));
    assert.ok(!page('en', { ...data, leftOut: [] }).includes('<div class="counted-once"'));
  });
});
