import type { PlanResults } from '../harness/run-plan.js';
import type { CaseDefinition } from '../plan/case-definition.js';
import { formatRatio, formatSummary } from './format-value.js';
import { failuresOf, metricSummary } from './metric-summary.js';

export interface Column {
  readonly contender: string;
  readonly label: string;
}

/**
 * A markdown table with one row per case and metric: each contender's median (min–max), then the
 * first column's ratio to every other column (ours ÷ theirs; the "better" column says which way is good).
 */
export function resultsTable(plan: readonly CaseDefinition[], results: PlanResults, columns: readonly Column[]): string {
  const [ours, ...peers] = columns;
  if (ours === undefined) return '';
  const header = ['case', 'metric', 'better', ...columns.map((c) => c.label), ...peers.map((p) => `${ours.label} ÷ ${p.label}`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const definition of plan) {
    for (const metric of definition.metrics) {
      const cell = (contender: string): string => {
        const na = definition.notApplicable?.[contender];
        if (na !== undefined) return na;
        if (!definition.contenders.includes(contender)) return '';
        const failed = failuresOf(results, definition.id, contender);
        const text = formatSummary(metricSummary(results, definition.id, contender, metric.key));
        return failed.count > 0 ? `${text} (${failed.count} failed)` : text;
      };
      const ratios = peers.map((peer) => {
        if (!definition.contenders.includes(peer.contender) || definition.notApplicable?.[peer.contender] !== undefined) return '';
        return formatRatio(metricSummary(results, definition.id, ours.contender, metric.key), metricSummary(results, definition.id, peer.contender, metric.key));
      });
      const row = [definition.title, `${metric.label}`, metric.better, ...columns.map((c) => cell(c.contender)), ...ratios];
      lines.push(`| ${row.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
