import { OBSERVED_CONTENDERS, REDIS_CONTENDERS } from '../contenders/redis-contenders.js';
import { THROUGHPUT, type CaseDefinition, type MetricSpec } from './case-definition.js';
import { featureCases, pipelineCases } from './feature-plan.js';
import { persistenceCases } from './persistence-plan.js';

const ms = (key: string, label: string): MetricSpec => ({ key, label, unit: 'ms', better: 'lower' });
const redis = [...REDIS_CONTENDERS];
const memory = ['mq-memory', 'baseline'];
const noPriorities = { 'bee-queue': 'n/a (no priorities)' };

/** The large backlogs of case 7 (the small one is always 1,000). */
export function bigBacklogs(quick: boolean): { memory: number; redis: number } {
  return quick ? { memory: 30_000, redis: 10_000 } : { memory: 1_000_000, redis: 1_000_000 };
}

/** Every case of issue 5 with its sizes: `quick` shrinks counts and windows, never the method. */
export function benchPlan(quick: boolean): CaseDefinition[] {
  const q = <T>(full: T, small: T): T => (quick ? small : full);
  const { memory: bigBacklog, redis: redisBigBacklog } = bigBacklogs(quick);
  const process = (id: string, concurrency: number, priorities: boolean): CaseDefinition => ({
    id,
    caseId: 'process',
    title: `2. process a filled queue, concurrency ${concurrency}${priorities ? ', random priorities 1–10' : ''}`,
    group: 'redis',
    contenders: redis,
    ...(priorities ? { notApplicable: noPriorities } : {}),
    params: concurrency === 1 ? { count: q(2000, 300), warmup: q(1000, 100), concurrency, priorities: priorities ? 1 : 0 } : { count: q(50_000, 2000), warmup: q(5000, 300), concurrency, priorities: priorities ? 1 : 0 },
    metrics: [THROUGHPUT],
    timeoutMs: 120_000,
  });
  return [
    ...pipelineCases(quick),
    { id: 'enqueue-sequential', caseId: 'enqueue-sequential', title: '1. enqueue one at a time (awaited)', group: 'redis', contenders: redis, params: { count: q(2000, 300), warmup: q(2000, 100) }, metrics: [THROUGHPUT], timeoutMs: 60_000 },
    { id: 'enqueue-inflight', caseId: 'enqueue-inflight', title: '1. enqueue, 100 in flight', group: 'redis', contenders: redis, params: { count: q(10_000, 1500), warmup: q(1000, 300) }, metrics: [THROUGHPUT], timeoutMs: 60_000 },
    { id: 'enqueue-bulk', caseId: 'enqueue-bulk', title: '1. enqueue in bulk, 1,000 per call', group: 'redis', contenders: redis, params: { count: q(30_000, 5000), warmup: q(3000, 1000) }, metrics: [THROUGHPUT], timeoutMs: 60_000 },
    process('process-c1', 1, false),
    process('process-c50', 50, false),
    {
      // Issue 17: the cost of metrics and of tracing, as a ratio to @mq with neither, same run.
      ...process('observability-c50', 50, false),
      title: '2. process a filled queue, concurrency 50: metrics (@mq/prometheus) and tracing (@mq/otel) on vs off',
      contenders: ['mq', ...OBSERVED_CONTENDERS],
    },
    process('process-c1-prio', 1, true),
    process('process-c50-prio', 50, true),
    {
      id: 'latency',
      caseId: 'latency',
      title: `3. enqueue → handler start at 200 msg/s (${q(500, 100)} messages)`,
      group: 'redis',
      contenders: redis,
      params: { perSecond: 200, count: q(500, 100), warmup: q(1000, 20), warmupPerSecond: 1000 },
      metrics: [ms('p50Ms', 'p50'), ms('p99Ms', 'p99'), ms('maxMs', 'max')],
      timeoutMs: 60_000,
    },
    {
      id: 'delayed',
      caseId: 'delayed',
      title: `4. delayed ${q(1000, 200)} ms, ${q(1000, 200)} messages paced over ${q(1000, 200)} ms: lateness`,
      group: 'redis',
      contenders: redis,
      // Bee-Queue activates delayed jobs only with activateDelayedJobs, as promptly as its delayedDebounce.
      peerProfile: 'delayed',
      params: { count: q(1000, 200), delayMs: q(1000, 200), spreadMs: q(1000, 200) },
      metrics: [ms('p50Ms', 'p50'), ms('p99Ms', 'p99'), ms('maxMs', 'max'), { key: 'early', label: 'ran early', unit: 'msgs', better: 'lower' }],
      timeoutMs: 60_000,
    },
    {
      id: 'memory-per-message',
      caseId: 'memory-per-message',
      title: `5. Redis memory per waiting message (${q('100,000', '5,000')} messages)`,
      group: 'redis',
      contenders: redis,
      params: { count: q(100_000, 5000) },
      metrics: [{ key: 'bytesPerMsg', label: 'bytes/msg', unit: 'B', better: 'lower' }],
      timeoutMs: 120_000,
      // The same bytes every run (min = max in every run so far); 3 runs are enough.
      maxRepetitions: 3,
    },
    {
      id: 'idle',
      caseId: 'idle',
      title: `6. one idle subscriber over ${q(10, 1)} s`,
      group: 'redis',
      contenders: redis,
      params: { windowMs: q(10_000, 1000), settleMs: q(1000, 300) },
      metrics: [{ key: 'cmdsPerSec', label: 'Redis cmds/s (incl. inside scripts)', unit: 'cmd/s', better: 'lower' }],
      timeoutMs: 60_000,
      parallelOwnRedis: true,
    },
    {
      id: 'memory-round-trip',
      caseId: 'memory-round-trip',
      title: `7. in-memory: enqueue ${bigBacklog.toLocaleString('en-US')} (random priorities), then dequeue + ack each`,
      group: 'memory',
      contenders: memory,
      params: { count: bigBacklog, warmup: q(20_000, 5000) },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
    {
      id: 'memory-subscribe',
      caseId: 'memory-subscribe',
      title: `7. in-memory: subscribe, concurrency 50, ${bigBacklog.toLocaleString('en-US')} messages`,
      group: 'memory',
      contenders: memory,
      params: { count: bigBacklog, warmup: q(20_000, 5000) },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
    ...[1000, bigBacklog].map(
      (backlog): CaseDefinition => ({
        id: `memory-backlog-${backlog}`,
        caseId: 'memory-backlog',
        title: `7. in-memory: enqueue + dequeue + ack at a backlog of ${backlog.toLocaleString('en-US')}`,
        group: 'memory',
        contenders: memory,
        params: { backlog, cycles: q(200_000, 10_000), warmup: q(20_000, 2000) },
        metrics: [{ key: 'usPerMsg', label: 'µs/msg', unit: 'µs', better: 'lower' }],
        timeoutMs: 180_000,
      }),
    ),
    ...[1000, redisBigBacklog].map(
      (backlog): CaseDefinition => ({
        id: `redis-backlog-${backlog}`,
        caseId: 'redis-backlog',
        title: `7. Redis: enqueue + dequeue + ack at a backlog of ${backlog.toLocaleString('en-US')}`,
        group: 'redis',
        contenders: ['mq'],
        params: { backlog, cycles: q(3000, 300), warmup: q(300, 100) },
        metrics: [{ key: 'usPerMsg', label: 'µs/msg', unit: 'µs', better: 'lower' }],
        timeoutMs: 180_000,
        // Filling Redis with 1,000,000 messages takes 10–15 s a run.
        maxRepetitions: 3,
      }),
    ),
    ...persistenceCases(quick),
    ...featureCases(quick),
  ];
}
