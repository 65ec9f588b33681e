/** One measured figure next to the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline: { name: string; value: number };
  /** How the figure was obtained, printed under it. */
  notes?: string;
}

/** A benchmark module exports `run`, which measures and returns its figures. */
export type Benchmark = () => Promise<BenchResult[]>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function formatResult(result: BenchResult): string {
  const ratio = result.baseline.value > 0 ? result.value / result.baseline.value : Number.NaN;
  const figure = (value: number): string => `${value.toFixed(2)} ${result.unit}`;
  const lines = [`${result.name}: ${figure(result.value)}   baseline (${result.baseline.name}): ${figure(result.baseline.value)}   ratio ${ratio.toFixed(2)}`];
  if (result.notes) lines.push(`  ${result.notes}`);
  return lines.join('\n');
}
