// The shape of the code: no module imports itself through others, type-only imports included,
// in the server, the CLI, the client and the benchmark; and the parser has one way in.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';

const ROOT = path.resolve(__dirname, '../..');
let tree: DependencyTree;

before(async () => {
  tree = await parseDependencyTree(['server/src/**/*.ts', 'client/src/**/*.ts', 'bench/**/*.ts'], {
    context: ROOT,
    transform: false,
    skipDynamicImports: false,
  });
});

test('no import cycles in server/src, client/src and bench', () => {
  assert.ok(Object.keys(tree).length > 100, 'the sources were found');
  const cycles = parseCircular(tree).map((cycle) => cycle.join(' → '));
  assert.deepEqual(cycles, []);
});

test('the server and the client reach the parser only through core/parse/index.ts', () => {
  const PARSE = 'server/src/core/parse/';
  const inside: string[] = [];
  for (const [file, dependencies] of Object.entries(tree)) {
    if (file.startsWith(PARSE) || !/^(server|client)\/src\//.test(file)) continue;
    for (const dependency of dependencies ?? []) {
      if (dependency.id?.startsWith(PARSE) && dependency.id !== `${PARSE}index.ts`) inside.push(`${file} → ${dependency.id}`);
    }
  }
  assert.ok(Object.keys(tree).some((f) => f.startsWith(PARSE)), 'the parser was found');
  assert.deepEqual(inside, []);
});
