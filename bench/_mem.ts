import { readFileSync } from 'node:fs';
import { parseTranscript } from '../server/src/core/transcript';
import { generateCorpus } from './corpus';
const c = generateCorpus(__dirname + '/corpus/quick', { files: 30, seed: 20201112 });
const sizes: Record<string, number> = {}; let src = 0;
for (const f of c.transcripts.slice(0, 12)) {
  const text = readFileSync(c.root + '/' + f, 'utf8'); src += text.length;
  const m: any = parseTranscript(text);
  for (const k of Object.keys(m)) sizes[k] = (sizes[k] ?? 0) + JSON.stringify(m[k]).length;
  sizes['fragment.text'] = (sizes['fragment.text'] ?? 0) + m.fragments.reduce((a: number, f: any) => a + f.text.length, 0);
}
console.log(src, Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, (v / src).toFixed(2)])));
