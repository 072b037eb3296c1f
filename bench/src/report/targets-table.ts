import type { PlanResults } from '../harness/run-plan.js';
import { metricSummary, resultsOf } from './metric-summary.js';

interface Target {
  readonly label: string;
  readonly measure: (results: PlanResults) => number;
  readonly atMost?: number;
  readonly atLeast?: number;
  readonly unit: string;
}

const median = (results: PlanResults, caseId: string, contender: string, key: string): number => metricSummary(results, caseId, contender, key).median;
const ratio =
  (caseId: string, key: string, ours: string, theirs: string) =>
  (results: PlanResults): number =>
    median(results, caseId, ours, key) / median(results, caseId, theirs, key);

/** Issue 5's targets, each read from medians of this run. `bigBacklog` ids the large-backlog cases. */
export function targets(memoryBigBacklog: number, redisBigBacklog: number): Target[] {
  return [
    { label: 'Redis, process c50 with priorities: @mq ÷ BullMQ', measure: ratio('process-c50-prio', 'msgPerSec', 'mq', 'bullmq'), atLeast: 3, unit: '×' },
    { label: 'Redis, process c50 without priorities: @mq ÷ Bee-Queue', measure: ratio('process-c50', 'msgPerSec', 'mq', 'bee-queue'), atLeast: 2.5, unit: '×' },
    { label: 'Redis, process c50: metrics on ÷ off (@mq/prometheus)', measure: ratio('observability-c50', 'msgPerSec', 'mq-metrics', 'mq'), atLeast: 0.9, unit: '×' },
    // No goal in issue 17, only to be reported: "met" just says it was measured.
    { label: 'Redis, process c50: tracing on ÷ off (@mq/otel, SDK spans, batch processor, discarding exporter)', measure: ratio('observability-c50', 'msgPerSec', 'mq-tracing', 'mq'), atLeast: 0, unit: '×' },
    { label: 'Redis, bulk enqueue: @mq ÷ BullMQ', measure: ratio('enqueue-bulk', 'msgPerSec', 'mq', 'bullmq'), atLeast: 3, unit: '×' },
    { label: 'Redis, bulk enqueue: @mq ÷ Bee-Queue', measure: ratio('enqueue-bulk', 'msgPerSec', 'mq', 'bee-queue'), atLeast: 1, unit: '×' },
    { label: 'Redis, sequential enqueue: @mq ÷ BullMQ', measure: ratio('enqueue-sequential', 'msgPerSec', 'mq', 'bullmq'), atLeast: 1.5, unit: '×' },
    { label: 'Delayed: @mq p99 lateness', measure: (r) => median(r, 'delayed', 'mq', 'p99Ms'), atMost: 15, unit: 'ms' },
    {
      label: 'Delayed: @mq messages run early (all runs)',
      measure: (r) => {
        const runs = resultsOf(r, 'delayed', 'mq');
        return runs.length === 0 ? Number.NaN : runs.reduce((sum, run) => sum + (run.metrics.early ?? 0), 0);
      },
      atMost: 0,
      unit: '',
    },
    { label: 'Redis memory per waiting message: @mq ÷ BullMQ', measure: ratio('memory-per-message', 'bytesPerMsg', 'mq', 'bullmq'), atMost: 0.4, unit: '×' },
    { label: 'Latency p99 at 200 msg/s: @mq ÷ Bee-Queue', measure: ratio('latency', 'p99Ms', 'mq', 'bee-queue'), atMost: 1, unit: '×' },
    { label: 'Idle subscriber: @mq Redis commands/s', measure: (r) => median(r, 'idle', 'mq', 'cmdsPerSec'), atMost: 2, unit: '/s' },
    { label: 'In-memory enqueue → dequeue → ack: @mq ÷ baseline', measure: ratio('memory-round-trip', 'msgPerSec', 'mq-memory', 'baseline'), atLeast: 0.25, unit: '×' },
    { label: "In-memory with persistence 'batch', enqueue → dequeue → ack: ÷ without", measure: ratio('persistence-round-trip', 'msgPerSec', 'mq-memory-batch', 'mq-memory'), atLeast: 0.4, unit: '×' },
    { label: 'In-memory with persistence: restart on a log of waiting messages', measure: (r) => median(r, 'persistence-restart', 'mq-memory-batch', 'restartMs'), atMost: 3000, unit: 'ms' },
    { label: 'In-memory subscribe c50: @mq ÷ baseline', measure: ratio('memory-subscribe', 'msgPerSec', 'mq-memory', 'baseline'), atLeast: 0.1, unit: '×' },
    { label: 'Redis c50, 100 B: encrypted ÷ plaintext', measure: ratio('encryption-redis', 'msgPerSec', 'mq-encrypted', 'mq'), atLeast: 0.8, unit: '×' },
    { label: 'In-memory enqueue → dequeue → ack: encrypted ÷ plaintext', measure: ratio('encryption-memory', 'msgPerSec', 'mq-memory-encrypted', 'mq-memory'), atLeast: 0, unit: '×' },
    { label: 'Redis c50, 10 KB: gzip ÷ none (throughput)', measure: ratio('compression-redis', 'msgPerSec', 'mq-gzip', 'mq'), atLeast: 0, unit: '×' },
    { label: 'Redis memory per waiting 10 KB message: gzip ÷ none', measure: ratio('compression-redis-memory', 'bytesPerMsg', 'mq-gzip', 'mq'), atMost: 0.34, unit: '×' },
    {
      label: `In-memory cost per message, backlog ${memoryBigBacklog.toLocaleString('en-US')} ÷ 1,000`,
      measure: (r) => median(r, `memory-backlog-${memoryBigBacklog}`, 'mq-memory', 'usPerMsg') / median(r, 'memory-backlog-1000', 'mq-memory', 'usPerMsg'),
      atMost: 1.5,
      unit: '×',
    },
    {
      label: `Redis cost per message, backlog ${redisBigBacklog.toLocaleString('en-US')} ÷ 1,000`,
      measure: (r) => median(r, `redis-backlog-${redisBigBacklog}`, 'mq', 'usPerMsg') / median(r, 'redis-backlog-1000', 'mq', 'usPerMsg'),
      atMost: 1.5,
      unit: '×',
    },
    { label: 'Routing: publish to 3 bound queues ÷ one enqueue (Redis standalone)', measure: (r) => median(r, 'routing-publish', 'mq', 'ratio'), atMost: 1.5, unit: '×' },
    { label: 'Routing: matching 1,000 bindings per publish', measure: (r) => median(r, 'routing-match', 'mq-memory', 'matchUs'), atMost: 20, unit: 'µs' },
  ];
}

/** The targets as a markdown table: goal, measured value, met or not. */
export function targetsTable(list: readonly Target[], results: PlanResults): { table: string; met: number; total: number } {
  const lines = ['| target | goal | measured | met |', '|---|---|---|---|'];
  let met = 0;
  for (const target of list) {
    const value = target.measure(results);
    const ok = Number.isFinite(value) && (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
    if (ok) met++;
    const goal = target.atLeast === undefined ? `≤ ${target.atMost}${target.unit}` : `≥ ${target.atLeast}${target.unit}`;
    const measured = Number.isFinite(value) ? `${value.toFixed(2)}${target.unit}` : 'not measured';
    lines.push(`| ${target.label} | ${goal} | ${measured} | ${ok ? 'yes' : '**no**'} |`);
  }
  return { table: lines.join('\n'), met, total: list.length };
}
