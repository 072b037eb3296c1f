import type { CaseResult } from '../harness/case-types.js';
import type { PlanResults } from '../harness/run-plan.js';
import { summarize, type Summary } from '../harness/stats.js';

/** Successful results of one case and contender. */
export function resultsOf(results: PlanResults, caseId: string, contender: string): CaseResult[] {
  return (results.get(caseId)?.get(contender) ?? []).flatMap((o) => (o.ok ? [o.result] : []));
}

/** Median, min and max of one metric over the repetitions. */
export function metricSummary(results: PlanResults, caseId: string, contender: string, key: string): Summary {
  return summarize(resultsOf(results, caseId, contender).map((r) => r.metrics[key] ?? Number.NaN));
}

/** How many runs of a case and contender failed, and the first error. */
export function failuresOf(results: PlanResults, caseId: string, contender: string): { count: number; first?: string } {
  const failed = (results.get(caseId)?.get(contender) ?? []).flatMap((o) => (o.ok ? [] : [o.error]));
  return failed.length === 0 ? { count: 0 } : { count: failed.length, first: failed[0] };
}
