/** Order statistics for the timing benches (nearest rank, as bench-read.ts reports them). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

export const median = (values: readonly number[]) => percentile(values, 0.5);
export const ms = (value: number) => `${value.toFixed(1)} ms`;
