// The module scripts/build.mjs makes for the web-host test bundle: loads every test/web/*.test.ts.
declare module 'kader:web-tests' {
  const load: (() => void) & { files: string[] };
  export = load;
}
