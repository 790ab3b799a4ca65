// The benchmark's arithmetic: percentiles of samples and rounding, one way for every row.

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The q-quantile (0…1) of `samples`, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

export interface Stats {
  p50: number;
  p95: number;
  n: number;
}

export function stats(samples: readonly number[]): Stats {
  return { p50: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)), n: samples.length };
}
