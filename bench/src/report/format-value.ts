import type { Summary } from '../harness/stats.js';

/** A number for a table: thousands separators, fewer decimals as it grows. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)", or a dash when no run succeeded. */
export function formatSummary(summary: Summary): string {
  if (summary.count === 0) return '–';
  if (summary.count === 1 || summary.min === summary.max) return formatValue(summary.median);
  return `${formatValue(summary.median)} (${formatValue(summary.min)}–${formatValue(summary.max)})`;
}

/** Our median divided by the peer's, e.g. "3.12×". */
export function formatRatio(ours: Summary, theirs: Summary): string {
  if (ours.count === 0 || theirs.count === 0) return '–';
  if (theirs.median === 0) return ours.median === 0 ? '=' : '∞';
  return `${(ours.median / theirs.median).toFixed(2)}×`;
}
