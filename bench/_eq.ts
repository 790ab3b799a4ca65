import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { readChunkWithRemark, readChunk } from '../server/src/core/chunk';
import { plainTree } from '../server/src/core/plainChunk';
import { scanLines } from '../server/src/core/lines';
import { generateCorpus, random } from './corpus';
const c = generateCorpus(__dirname + '/corpus/quick', { files: 30, seed: 20201112 });
let total = 0, fast = 0, bad = 0, fastBytes = 0, bytes = 0;
const check = (s: string) => {
  total++; bytes += s.length;
  if (!plainTree(s)) return;
  fast++; fastBytes += s.length;
  const a = readChunk(s), b = readChunkWithRemark(s);
  if (!isDeepStrictEqual(a, b)) { bad++; if (bad < 6) console.log(JSON.stringify(s), '\n', JSON.stringify(a), '\n', JSON.stringify(b)); }
};
for (const f of c.transcripts.slice(0, 6)) {
  const text = readFileSync(c.root + '/' + f, 'utf8');
  for (const ch of scanLines(text).chunks) check(text.slice(ch.start, ch.end));
}
console.log({ total, fast, bad, share: fastBytes / bytes });
const rnd = random(7);
const atoms = ['a', 'b', ' ', '  ', '[', ']', '{', '}', '{#a}', '{#b/c memo="x y"}', '#', ':', '**', '**S1:**', '[00:12:34] ', '=', '"', ',', '.', '!', '?', '(', ')', '-', 'Jan:', 'ë', '1.', '/', '–', '{a}', '{#}', ']{', '{.x}', 'www', '12'];
total = fast = bad = 0;
for (let i = 0; i < 200000; i++) {
  let s = ''; const n = 1 + Math.floor(rnd() * 12);
  for (let j = 0; j < n; j++) s += atoms[Math.floor(rnd() * atoms.length)];
  if (rnd() < 0.2) s = '## ' + s;
  check(s);
}
console.log('fuzz', { total, fast, bad });
