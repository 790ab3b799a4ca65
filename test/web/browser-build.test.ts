// Kader in the browser has no Node: the browser bundles (the extension's browser entry and the
// server's Web Worker, as scripts/build.mjs makes them) must pull in no Node built-in, and there
// are no polyfills for them. Built-ins are left external here so that the build completes and its
// metafile names every one with the module that imports it.

import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const isBuiltin = (name: string): boolean => BUILTINS.includes(name) || name.startsWith('node:');

interface BuildScript {
  common: esbuild.BuildOptions;
  browserBuilds(): esbuild.BuildOptions[];
}

async function browserBuilds(): Promise<esbuild.BuildOptions[]> {
  // A variable, so TypeScript does not look for the script's types.
  const script = path.join(ROOT, 'scripts/build.mjs');
  const { common, browserBuilds } = (await import(script)) as BuildScript;
  return browserBuilds().map((b) => ({ ...common, ...b }));
}

/** `built-in ← importing module` for every Node built-in the bundle pulls in, and build errors. */
async function nodeImports(options: esbuild.BuildOptions): Promise<string[]> {
  const result = await esbuild
    .build({
      ...options,
      absWorkingDir: ROOT,
      external: [...(options.external ?? []), ...BUILTINS],
      write: false,
      metafile: true,
      sourcemap: false,
      logLevel: 'silent',
    })
    .catch((error: esbuild.BuildFailure) => error);
  if (result instanceof Error) {
    return (result.errors ?? [{ text: result.message, location: null }]).map((e) => `build error: ${e.text}${e.location ? ` (${e.location.file})` : ''}`);
  }
  const inputs = result.metafile!.inputs;
  // How the entry reaches each module (breadth first: the shortest chain), to show who to change.
  const via = new Map<string, string | undefined>([[Object.keys(inputs).find((f) => !Object.values(inputs).some((i) => i.imports.some((m) => m.path === f)))!, undefined]]);
  for (const file of via.keys()) {
    for (const imported of inputs[file]?.imports ?? []) if (!imported.external && !via.has(imported.path)) via.set(imported.path, file);
  }
  const chain = (file: string): string => {
    const steps = [file];
    for (let at = via.get(file); at; at = via.get(at)) steps.push(at);
    return steps.join(' ← ');
  };
  const found: string[] = [];
  for (const [file, input] of Object.entries(inputs)) {
    for (const imported of input.imports) if (isBuiltin(imported.path)) found.push(`${imported.path} ← ${chain(file)}`);
  }
  return [...new Set(found)].sort();
}

for (const [name, entry] of [
  ['the extension (dist/browser/client.js)', 'client/src/browser.ts'],
  ['the language server (dist/browser/server.js)', 'server/src/browser.ts'],
] as const) {
  test(`${name} pulls in no Node built-in`, async () => {
    const options = (await browserBuilds()).find((b) => Object.values(b.entryPoints as Record<string, string>).includes(entry));
    assert.ok(options, `scripts/build.mjs has a browser build of ${entry}`);
    assert.equal(options.platform, 'browser');
    const found = await nodeImports(options);
    assert.deepEqual(found, [], `${entry}: Node built-ins it pulls in (built-in ← module), or why it does not build:\n  ${found.join('\n  ')}`);
  });
}
