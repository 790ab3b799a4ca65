import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { kaderApi } from './util';

function extensionPath(): string {
  const ext = vscode.extensions.getExtension('kader.kader');
  assert.ok(ext);
  return ext.extensionPath;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(extensionPath(), file), 'utf8')) as Record<string, unknown>;
}

/** The strings the client passes to vscode.l10n.t (single-quoted literals, as the sources write them). */
function l10nStrings(): Set<string> {
  const dir = path.join(extensionPath(), 'client/src');
  const found = new Set<string>();
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?<![\w$])t\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1]!.replace(/\\(.)/g, '$1'));
  }
  return found;
}

describe('manifest and translations', () => {
  before(async () => {
    await kaderApi();
  });

  it('has an English and a Dutch text for every %key% of package.json', () => {
    const manifest = fs.readFileSync(path.join(extensionPath(), 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!))].sort();
    assert.ok(keys.length > 20);
    for (const file of ['package.nls.json', 'package.nls.nl.json']) {
      const nls = readJson(file);
      assert.deepEqual(keys.filter((k) => typeof nls[k] !== 'string'), [], `missing in ${file}`);
    }
  });

  it('has a Dutch translation for every string the client localises', () => {
    const strings = l10nStrings();
    assert.ok(strings.size > 30);
    const nl = readJson('l10n/bundle.l10n.nl.json');
    // The bundle is shared with the server: that every entry is used by one of them is checked in
    // test/unit/l10n.test.ts.
    assert.deepEqual([...strings].filter((s) => typeof nl[s] !== 'string'), [], 'missing in l10n/bundle.l10n.nl.json');
  });

  it('supports untrusted workspaces in part, and says why in English and Dutch', () => {
    const manifest = readJson('package.json') as { capabilities: { untrustedWorkspaces: unknown } };
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, {
      supported: 'limited',
      description: '%capabilities.untrustedWorkspaces%',
      restrictedConfigurations: [],
    });
    assert.match(String(readJson('package.nls.json')['capabilities.untrustedWorkspaces']), /runs no git/);
    assert.match(String(readJson('package.nls.nl.json')['capabilities.untrustedWorkspaces']), /geen git/);
  });

  it('gives every walkthrough step a picture per language and theme, with alt text, and an event that completes it', async () => {
    type Step = { id: string; media: { image: Record<string, string>; altText: string }; completionEvents: string[] };
    const manifest = readJson('package.json') as {
      contributes: { walkthroughs: { steps: Step[] }[]; views: Record<string, { id: string }[]> };
    };
    const steps = manifest.contributes.walkthroughs[0]!.steps;
    const events = Object.fromEntries(steps.map((step) => [step.id, step.completionEvents]));
    assert.deepEqual(events, {
      framework: ['onStepSelected'],
      example: ['onCommand:kader.openExample'],
      codebook: ['onCommand:kader.createCodebook'],
      transcript: ['onCommand:kader.newTranscript'],
      code: ['onCommand:kader.codeSelection'],
      views: ['onView:kader.aspects'],
    });
    const commands = await vscode.commands.getCommands(true);
    const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
    for (const event of steps.flatMap((step) => step.completionEvents)) {
      if (event.startsWith('onCommand:')) assert.ok(commands.includes(event.slice('onCommand:'.length)), `${event}: no such command`);
      if (event.startsWith('onView:')) assert.ok(views.includes(event.slice('onView:'.length)), `${event}: no such view`);
    }
    for (const step of steps) {
      assert.deepEqual(step.media, {
        image: {
          light: `%walkthrough.${step.id}.image.light%`,
          dark: `%walkthrough.${step.id}.image.dark%`,
          hc: `%walkthrough.${step.id}.image.dark%`,
          hcLight: `%walkthrough.${step.id}.image.light%`,
        },
        altText: `%walkthrough.${step.id}.altText%`,
      });
    }
    for (const [file, suffix] of [['package.nls.json', ''], ['package.nls.nl.json', '.nl']] as const) {
      const nls = readJson(file);
      for (const step of steps) {
        for (const theme of ['light', 'dark']) {
          const picture = String(nls[`walkthrough.${step.id}.image.${theme}`]);
          assert.equal(picture, `media/walkthrough/${step.id}${suffix}.${theme}.png`);
          const bytes = fs.readFileSync(path.join(extensionPath(), picture));
          assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${picture} is a PNG`);
        }
        assert.ok(String(nls[`walkthrough.${step.id}.altText`]).length > 40, `${file}: walkthrough.${step.id}.altText says what the picture shows`);
      }
    }
  });

  it('reads the walkthrough pictures through the translations: VS Code gives this English window the English pictures', () => {
    const ext = vscode.extensions.getExtension('kader.kader');
    assert.ok(ext);
    const steps = (ext.packageJSON as { contributes: { walkthroughs: { steps: { id: string; media: { image: Record<string, string> } }[] }[] } }).contributes.walkthroughs[0]!.steps;
    assert.deepEqual(steps.find((step) => step.id === 'code')!.media.image, {
      light: 'media/walkthrough/code.light.png',
      dark: 'media/walkthrough/code.dark.png',
      hc: 'media/walkthrough/code.dark.png',
      hcLight: 'media/walkthrough/code.light.png',
    });
  });

  it('registers every contributed command, and contributes every kader command it registers', async () => {
    const manifest = readJson('package.json') as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => /^kader\.[a-zA-Z]+$/.test(c)).sort();
    assert.deepEqual(registered, contributed);
  });
});
