import type { PlanResults } from '../harness/run-plan.js';
import { summarize } from '../harness/stats.js';
import type { CaseDefinition } from '../plan/case-definition.js';
import { formatValue } from './format-value.js';
import { resultsOf } from './metric-summary.js';
import type { Column } from './results-table.js';

/**
 * Where the time went, per case and contender (medians): wall time of the timed section, and the
 * CPU that Node and Redis used in it as a share of that wall time. Near 100% marks the bottleneck.
 */
export function costTable(plan: readonly CaseDefinition[], results: PlanResults, columns: readonly Column[]): string {
  const lines = ['| case | contender | wall ms | Node CPU | Redis CPU |', '|---|---|---|---|---|'];
  for (const definition of plan) {
    for (const column of columns) {
      const runs = resultsOf(results, definition.id, column.contender);
      if (runs.length === 0) continue;
      const wall = summarize(runs.map((r) => r.wallMs)).median;
      const node = summarize(runs.map((r) => (r.nodeCpuMs / r.wallMs) * 100)).median;
      const redis = summarize(runs.map((r) => (r.redisCpuMs === undefined ? Number.NaN : (r.redisCpuMs / r.wallMs) * 100)));
      const redisText = redis.count === 0 ? '–' : `${redis.median.toFixed(0)}%`;
      lines.push(`| ${definition.title} | ${column.label} | ${formatValue(wall)} | ${node.toFixed(0)}% | ${redisText} |`);
    }
  }
  return lines.join('\n');
}
