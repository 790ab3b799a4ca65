// The one localisation mechanism: `t` formats like vscode.l10n.t, and the Dutch bundle
// (l10n/bundle.l10n.nl.json, shared by client and server) holds exactly the messages the sources ask for.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { localize } from '../../server/src/core/l10n';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.nl.json'), 'utf8')) as Record<string, string>;

test('t fills positional and named placeholders, in English and Dutch', () => {
  const en = localize('en');
  const nl = localize('nl');
  assert.equal(en('{0} fragments', 3), '3 fragments');
  assert.equal(nl('{0} fragments', 3), '3 fragmenten');
  assert.equal(nl('#{code} is not in the codebook.', { code: 'intentie' }), '#intentie staat niet in het codeboek.');
  assert.equal(en('{0} in {1}', 'a {1}', 'b'), 'a {1} in b', 'a value is not formatted again');
  assert.equal(en('{0} and {1}', 'a'), 'a and {1}', 'a placeholder without a value stays');
  assert.equal(en('{constructor} {0}', 'a'), '{constructor} a', 'only own values fill a placeholder');
  assert.equal(nl('This attribute block “{” is not closed on its line: add “}”.'), 'Dit attribuutblok “{” wordt niet gesloten op dezelfde regel: voeg “}” toe.');
});

test('a message missing from the Dutch bundle falls back to English', () => {
  assert.equal(localize('nl')('No such message {0}', 'here'), 'No such message here');
});

/** The first argument of every `t('…')`, `l10n.t('…')`, `this.t('…')` and `localize(…)('…')` that is a literal. */
function messagesIn(dirs: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (file: string, node: ts.Node, source: ts.SourceFile): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const isT =
        (ts.isIdentifier(callee) && callee.text === 't') ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === 't') ||
        (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'localize');
      const first = node.arguments[0]!;
      if (isT && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        const { line } = source.getLineAndCharacterOfPosition(first.getStart(source));
        found.set(first.text, `${path.relative(ROOT, file)}:${line + 1}`);
      }
    }
    ts.forEachChild(node, (child) => visit(file, child, source));
  };
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      visit(file, source, source);
    }
  }
  return found;
}

const MESSAGES = messagesIn(['server/src', 'client/src']);

test('every message the server and the client ask for has a Dutch translation', () => {
  assert.ok(MESSAGES.size > 100, 'the messages were found');
  const missing = [...MESSAGES].filter(([message]) => !Object.hasOwn(BUNDLE, message)).map(([message, where]) => `${where}: ${message}`);
  assert.deepEqual(missing, []);
});

test('every message in the Dutch bundle is asked for by the server or the client', () => {
  const unused = Object.keys(BUNDLE).filter((message) => !MESSAGES.has(message));
  assert.deepEqual(unused, []);
});

test('a Dutch translation keeps the placeholders of its English message', () => {
  const placeholders = (s: string): string[] => [...s.matchAll(/{([^}]+)}/g)].map((m) => m[1]!).filter((p) => /^(\d+|\w+)$/.test(p)).sort();
  const differing = Object.entries(BUNDLE).filter(([en, nl]) => placeholders(en).join() !== placeholders(nl).join()).map(([en]) => en);
  assert.deepEqual(differing, []);
});
