import type { PlanResults } from '../harness/run-plan.js';
import type { CaseDefinition } from '../plan/case-definition.js';
import { formatRatio, formatSummary } from './format-value.js';
import { failuresOf, metricSummary } from './metric-summary.js';

/**
 * The feature rows: in a case run by plain @mq and @mq with a feature on (encryption, a
 * deduplication key, groups, metrics, …), interleaved run by run, each feature against plain.
 * `plain` is the contender compared with; `label` names a contender for the table.
 */
export function featureTable(plan: readonly CaseDefinition[], results: PlanResults, plain: string, label: (contender: string) => string): string {
  const lines = ['| case | metric | better | plain @mq | with the feature | contender | feature ÷ plain |', '|---|---|---|---|---|---|---|'];
  for (const definition of plan) {
    if (!definition.contenders.includes(plain)) continue;
    for (const feature of definition.contenders.filter((c) => c !== plain)) {
      for (const metric of definition.metrics) {
        const cell = (contender: string): string => {
          const failed = failuresOf(results, definition.id, contender).count;
          const text = formatSummary(metricSummary(results, definition.id, contender, metric.key));
          return failed > 0 ? `${text} (${failed} failed)` : text;
        };
        const ratio = formatRatio(metricSummary(results, definition.id, feature, metric.key), metricSummary(results, definition.id, plain, metric.key));
        lines.push(`| ${definition.title} | ${metric.label} | ${metric.better} | ${cell(plain)} | ${cell(feature)} | ${label(feature)} | ${ratio} |`);
      }
    }
  }
  return lines.length === 2 ? '' : lines.join('\n');
}
