// The benchmark's baseline in a process of its own: unified + remark-parse + remark-gfm over the
// files named on stdin (one absolute path per line), read first. Prints { remarkMs, cpuMs } as
// JSON. Its own process, so the memory remark holds does not count for Kader's peak RSS.

import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const files = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const texts = files.map((file) => readFileSync(file, 'utf8'));
const processor = unified().use(remarkParse).use(remarkGfm);
processor.parse('warm up *remark* [x]{#y}');
const cpu = process.cpuUsage();
const start = performance.now();
for (const text of texts) processor.parse(text);
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ remarkMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 })}\n`);
