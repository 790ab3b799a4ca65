// The shape of the code: no module imports itself through others, type-only imports included,
// in the server, the CLI, the client and the benchmark.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseCircular, parseDependencyTree } from 'dpdm';

const ROOT = path.resolve(__dirname, '../..');

test('no import cycles in server/src, client/src and bench', async () => {
  const tree = await parseDependencyTree(['server/src/**/*.ts', 'client/src/**/*.ts', 'bench/**/*.ts'], {
    context: ROOT,
    transform: false,
    skipDynamicImports: false,
  });
  assert.ok(Object.keys(tree).length > 100, 'the sources were found');
  const cycles = parseCircular(tree).map((cycle) => cycle.join(' → '));
  assert.deepEqual(cycles, []);
});
