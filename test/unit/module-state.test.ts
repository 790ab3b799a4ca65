// DESIGN.md: no module-level mutable state in the pure core, the service and the handlers — a cache belongs to
// the service or the index. A scan of their sources: no top-level `let` or `var`, no mutable static
// field, and a collection (Map, Set, array or object literal) made at the top level of a module
// only as a constant table (never changed, in its file or, when exported, in another); a WeakMap,
// WeakSet or WeakRef there can only be a cache, so none at all.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['server/src/core', 'server/src/service', 'server/src/handlers'];
const COLLECTIONS = new Set(['Map', 'Set']);
const CACHES = new Set(['WeakMap', 'WeakSet', 'WeakRef']);
const MUTATORS = 'set|add|delete|clear|push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin';

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file).split(path.sep).join('/'))
    .sort();
}

/** A function that runs when the module loads: `(() => …)()`. */
function calledRightAway(fn: ts.Node): boolean {
  let callee = fn;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee;
}

/** The constructors of the collections made when the module loads (not inside a function it only defines). */
function madeAtLoad(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) found.push(n.expression.text);
    if (ts.isFunctionLike(n) && !calledRightAway(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

interface Finding {
  file: string;
  what: string;
}

interface Collection {
  file: string;
  name: string;
  exported: boolean;
}

function scan(file: string, text: string): { findings: Finding[]; collections: Collection[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const collections: Collection[] = [];
  const at = (node: ts.Node): string => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const check = (node: ts.Node, name: string, exported: boolean): void => {
    const made = madeAtLoad(node);
    for (const kind of made) if (CACHES.has(kind)) findings.push({ file, what: `${at(node)} ${name}: a module-level ${kind}` });
    const literal = ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node);
    if (literal || made.some((kind) => COLLECTIONS.has(kind))) collections.push({ file, name, exported });
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      for (const declaration of list.declarations) {
        const name = declaration.name.getText(source);
        if (!(list.flags & ts.NodeFlags.Const)) findings.push({ file, what: `${at(declaration)} ${name}: a module-level let or var` });
        else if (declaration.initializer) check(declaration.initializer, name, exported);
      }
    } else if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        if (!ts.isPropertyDeclaration(member) || !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const name = `${statement.name?.text ?? 'class'}.${member.name.getText(source)}`;
        if (!member.modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) findings.push({ file, what: `${at(member)} ${name}: a mutable static field` });
        else if (member.initializer) check(member.initializer, name, false);
      }
    } else if (!ts.isFunctionDeclaration(statement) && !ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) {
      // Statements that run at load (a loop filling a table, a call): only constant tables may be made.
      for (const kind of madeAtLoad(statement)) if (CACHES.has(kind)) findings.push({ file, what: `${at(statement)}: a module-level ${kind}` });
    }
  }
  return { findings, collections };
}

/** Where `name` is changed in `text`: a mutating method call or an assignment to an element or a property. */
function mutations(name: string, text: string): number {
  const escaped = name.replace(/[$]/g, '\\$');
  const call = new RegExp(`(?<![\\w$.])${escaped}\\s*\\.\\s*(?:${MUTATORS})\\s*\\(`, 'g');
  const assignment = new RegExp(`(?<![\\w$.])${escaped}\\s*(?:\\[[^\\]]*\\]|\\.[\\w$]+)\\s*(?:[-+*/%&|^]|\\?\\?|\\|\\||&&)?=(?!=)`, 'g');
  return (text.match(call)?.length ?? 0) + (text.match(assignment)?.length ?? 0);
}

function findingsIn(files: Map<string, string>): string[] {
  const findings: Finding[] = [];
  const collections: Collection[] = [];
  for (const [file, text] of files) {
    const scanned = scan(file, text);
    findings.push(...scanned.findings);
    collections.push(...scanned.collections);
  }
  for (const { file, name, exported } of collections) {
    const changedIn = [...files].filter(([other, text]) => (other === file || exported) && mutations(name, text) > 0).map(([other]) => other);
    if (changedIn.length > 0) findings.push({ file, what: `${file} ${name}: a module-level collection changed in ${changedIn.join(', ')}` });
  }
  return findings.map((f) => f.what);
}

test('no module-level mutable state in server/src/core, service and handlers', () => {
  const files = new Map<string, string>();
  for (const dir of SCANNED) for (const file of sourcesUnder(dir)) files.set(file, readFileSync(path.join(ROOT, file), 'utf8'));
  assert.ok(files.size > 30, 'the sources were found');
  assert.deepEqual(findingsIn(files), []);
});

test('the scan finds what it is for, and lets constant tables be', () => {
  const found = findingsIn(
    new Map([
      [
        'a.ts',
        [
          'let count = 0;',
          'export var legacy = 1;',
          'const cache = new Map<string, number>();',
          'function get(k: string) { cache.set(k, 1); }',
          'const byModel = new WeakMap<object, number>();',
          'const memo = (() => { const seen = new Set(); return seen; })();',
          'memo.add(1);',
          'const table: Record<string, number> = Object.fromEntries(new Map([["a", 1]]));',
          'table["b"] = 2;',
          'class A { static hits = 0; static readonly known = new WeakSet<object>(); }',
          'const SEVERITIES = new Set(["error", "warning"]);',
          'const BY_NAME = new Map([["a", 1]]);',
          'export const SHARED = new Set<string>();',
          'function local() { const m = new Map(); m.set(1, 2); let n = 0; n++; return m; }',
          'const FACTORY = () => new WeakMap();',
          'const seenNames: string[] = [];',
          'export const registry: Record<string, number> = {};',
          'const LEVELS = { aspects: ["aspect"], practices: ["practice"] };',
          'const KINDS = ["inline", "block"];',
          'function note(name: string) { seenNames.push(name); return KINDS.includes(name) || LEVELS.aspects.length === 1; }',
        ].join('\n'),
      ],
      ['b.ts', 'import { SHARED, registry } from "./a";\nSHARED.add("x");\nregistry.x ??= 1;\nconst ok = SEVERITIES.has("error");\n'],
    ]),
  );
  assert.deepEqual(found, [
    'a.ts:1 count: a module-level let or var',
    'a.ts:2 legacy: a module-level let or var',
    'a.ts:5 byModel: a module-level WeakMap',
    'a.ts:10 A.hits: a mutable static field',
    'a.ts:10 A.known: a module-level WeakSet',
    'a.ts cache: a module-level collection changed in a.ts',
    'a.ts memo: a module-level collection changed in a.ts',
    'a.ts table: a module-level collection changed in a.ts',
    'a.ts SHARED: a module-level collection changed in b.ts',
    'a.ts seenNames: a module-level collection changed in a.ts',
    'a.ts registry: a module-level collection changed in b.ts',
  ]);
});
