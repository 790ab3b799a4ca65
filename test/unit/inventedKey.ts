// A key of invented people (first names, Dutch surname prefixes, made-up surnames): for the
// privacy tests and the benchmark's 10,000-entry key. No real person is in it.

export function inventedKeyText(size: number): string {
  const first = ['Anna', 'Noor', 'Jan', 'Fatima', 'Zoë', 'Ömer', 'Sanne', 'Bram', 'Lotte', 'Daan', 'Iris', 'Mees', 'Yara', 'Sem'];
  const syllables = ['bak', 'ker', 'vel', 'dam', 'hoe', 'ven', 'brink', 'man', 'stra', 'hof', 'berg', 'kamp', 'wijk', 'boer', 'loo', 'meer', 'veld', 'zon'];
  const prefixes = ['', 'de ', 'van ', 'van der ', 'ter '];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; lines.length < size; i++) {
    const n = syllables.length;
    const s = syllables[i % n]! + syllables[Math.floor(i / n) % n]! + syllables[Math.floor(i / n / n) % n]!;
    const name = `${first[i % first.length]} ${prefixes[i % prefixes.length]}${s[0]!.toUpperCase()}${s.slice(1)}`;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    lines.push(`${name}: Deelnemer ${lines.length + 1}`);
  }
  return lines.join('\n');
}
