import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { DecorationSnapshot } from '../../client/src/decorations';
import { kaderApi, revertAndCloseAll, showFixture, waitFor, waitForValue } from './util';

const r = (range: vscode.Range): string => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

function plain(snapshot: DecorationSnapshot): unknown {
  return {
    codes: snapshot.codes.map((c) => `${c.code} ${c.color} ${c.style} ${r(c.range)}`),
    stripes: snapshot.stripes.map((s) => `${s.colors.join(' ')} ${r(s.range)}`),
    bars: snapshot.bars.map((b) => `${b.colors.join(' ')} ${r(b.range)}`),
    attributes: snapshot.attributes.map(r),
  };
}

// breda/gesprek-1.md: a section, an inline fragment, a block and a div, in document order. The
// block's line has two bars: the section's and its own. A run of bars ends at the end of its last
// line, so a wrapped line has them beside every row.
const GESPREK_1 = {
  codes: [
    'intentie #4e79a7 bar 8:0-14:73',
    'intentie/gestuurd #4e79a7 stripe 12:17-12:52',
    'intentie/intrinsiek #4e79a7 bar 14:0-14:50',
    'context/macht #f28e2b bar 19:0-22:0',
  ],
  stripes: ['#4e79a7 12:17-12:52'],
  bars: ['#4e79a7 8:0-13:0', '#4e79a7 #4e79a7 14:0-14:73', '#f28e2b 19:0-21:26'],
  attributes: ['8:32-8:43', '12:53-12:114', '14:51-14:73', '18:4-18:40'],
};

// Every kind of fragment with two codes; the section holds the rest of the transcript.
const TWO_CODES = [
  '# Oefengesprek',
  '',
  '## Vraag {#intentie #context}',
  '',
  '**S1:** We spraken af [in het buurthuis]{#activiteit #context/macht} om de week te bespreken.',
  '',
  '**S2:** Niemand wist precies wie de agenda maakte. {#intentie/gestuurd #context}',
  '',
  '::: {#activiteit #intentie}',
  '**S1:** Dat bepaalde de coördinator.',
  ':::',
  '',
].join('\n');

const INTENTIE = '#4e79a7';
const CONTEXT = '#f28e2b';
const ACTIVITEIT = '#59a14f';
const TWO_CODES_SHOWN = {
  codes: [
    `intentie ${INTENTIE} bar 2:0-10:3`,
    `context ${CONTEXT} bar 2:0-10:3`,
    `activiteit ${ACTIVITEIT} stripe 4:23-4:39`,
    `context/macht ${CONTEXT} stripe 4:23-4:39`,
    `intentie/gestuurd ${INTENTIE} bar 6:0-6:50`,
    `context ${CONTEXT} bar 6:0-6:50`,
    `activiteit ${ACTIVITEIT} bar 9:0-10:0`,
    `intentie ${INTENTIE} bar 9:0-10:0`,
  ],
  stripes: [`${ACTIVITEIT} ${CONTEXT} 4:23-4:39`],
  bars: [
    `${INTENTIE} ${CONTEXT} 2:0-5:0`,
    `${INTENTIE} ${CONTEXT} ${INTENTIE} ${CONTEXT} 6:0-6:80`,
    `${INTENTIE} ${CONTEXT} 7:0-8:27`,
    `${INTENTIE} ${CONTEXT} ${ACTIVITEIT} ${INTENTIE} 9:0-9:36`,
    `${INTENTIE} ${CONTEXT} 10:0-10:3`,
  ],
  attributes: ['2:9-2:29', '4:40-4:68', '6:51-6:80', '8:4-8:27'],
};

describe('decorations and status bar', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('kader').update('decorations.enabled', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
  });

  it('shows each code in its colour, stripes under inline words and bars beside lines, and dims the attribute blocks', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const snapshot = await waitForValue(() => api.decorations(editor), 'no decorations were set');
    assert.deepEqual(plain(snapshot), GESPREK_1);
  });

  it('follows edits of unsaved text', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor), 'no decorations were set');
    await editor.edit((b) => b.insert(new vscode.Position(12, 8), 'Nou, '));
    const moved = {
      ...GESPREK_1,
      codes: GESPREK_1.codes.map((c) => c.replace('stripe 12:17-12:52', 'stripe 12:22-12:57')),
      stripes: ['#4e79a7 12:22-12:57'],
      attributes: GESPREK_1.attributes.map((a) => (a === '12:53-12:114' ? '12:58-12:119' : a)),
    };
    await waitFor(() => {
      const s = api.decorations(editor);
      return s && JSON.stringify(plain(s)) === JSON.stringify(moved);
    }, 'the decorations did not follow the edit');
  });

  it('takes new codebook colours from unsaved codebook edits, in the text and the views', async () => {
    const codebook = await showFixture('codebook.md');
    const at = codebook.document.getText().indexOf('#F28E2B');
    assert.ok(at > 0);
    await codebook.edit((b) => b.replace(new vscode.Range(codebook.document.positionAt(at), codebook.document.positionAt(at + 7)), '#123456'));
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor)?.codes.some((c) => c.color === '#123456' && c.style === 'bar'), 'the div did not take the new colour');
    await waitFor(async () => {
      await api.aspects.getChildren();
      const context = [...api.aspects.nodes()].find((n) => n.label === 'Context')?.node;
      return context?.kind === 'aspect' && context.color === '#123456';
    }, 'the Context aspect did not take the new colour');
  });

  it('sets no decorations when kader.decorations.enabled is false', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor)?.codes.length, 'no decorations were set');
    await vscode.workspace.getConfiguration('kader').update('decorations.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.decorations(editor)?.codes.length === 0, 'the decorations stayed');
    assert.deepEqual(plain(api.decorations(editor)!), { codes: [], stripes: [], bars: [], attributes: [] });
  });

  it('shows every code of a passage with two codes, inline and in a block, a section and a div', async () => {
    const editor = await showFixture('coding/oefening.md');
    await waitFor(() => api.decorations(editor), 'no decorations were set');
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((b) => b.replace(all, TWO_CODES));
    let last: unknown;
    await waitFor(() => {
      const s = api.decorations(editor);
      last = s && plain(s);
      return JSON.stringify(last) === JSON.stringify(TWO_CODES_SHOWN);
    }, 'the decorations of the two-code fragments').catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(last, null, 2)}`);
    });
  });

  it('shows the codes under the cursor, else the fragment count, in the status bar', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    editor.selection = new vscode.Selection(12, 30, 12, 30);
    await waitFor(() => api.statusText() === '$(tag) #intentie/gestuurd #intentie', `status bar shows ${api.statusText()}`);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await waitFor(() => api.statusText() === '$(tag) 4 fragments', `status bar shows ${api.statusText()}`);
  });
});
