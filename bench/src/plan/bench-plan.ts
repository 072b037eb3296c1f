import { OBSERVED_CONTENDERS, REDIS_CONTENDERS } from '../contenders/redis-contenders.js';
import { THROUGHPUT, type CaseDefinition, type MetricSpec } from './case-definition.js';
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
    {
      id: 'redis-dedup',
      caseId: 'redis-dedup',
      title: `13. Redis: enqueue with a deduplication key vs plain, one at a time (${q('3,000', '300')} each)`,
      group: 'redis',
      contenders: ['mq'],
      params: { count: q(3000, 300), warmup: q(500, 100) },
      metrics: [
        { key: 'plainUsPerMsg', label: 'plain µs/msg', unit: 'µs', better: 'lower' },
        { key: 'keyedUsPerMsg', label: 'keyed µs/msg', unit: 'µs', better: 'lower' },
        { key: 'keyedOverPlain', label: 'keyed ÷ plain', unit: '×', better: 'lower' },
        { key: 'bytesPerKey', label: 'Redis bytes per live key', unit: 'B', better: 'lower' },
      ],
      timeoutMs: 120_000,
    },
    {
      id: 'memory-groups',
      caseId: 'memory-groups',
      title: `8. in-memory fair groups: subscribe c50, ${q('200,000', '20,000')} messages in 100 groups, groupConcurrency 10 (baseline column: the same queue without groups)`,
      group: 'memory',
      contenders: memory,
      params: { count: q(200_000, 20_000), warmup: q(20_000, 5000), groups: 100 },
      metrics: [THROUGHPUT],
      timeoutMs: 120_000,
    },
    {
      id: 'redis-groups',
      caseId: 'redis-groups',
      title: `8. Redis fair groups: subscribe c50, ${q('50,000', '10,000')} messages in 100 groups, groupConcurrency 10, against the same without groups (same run)`,
      group: 'redis',
      contenders: ['mq'],
      params: { count: q(50_000, 10_000), warmup: q(5000, 1000), groups: 100 },
      metrics: [
        { key: 'plainMsgPerSec', label: 'plain msg/s', unit: 'msg/s', better: 'higher' },
        { key: 'groupedMsgPerSec', label: 'grouped msg/s', unit: 'msg/s', better: 'higher' },
        { key: 'groupedOverPlain', label: 'grouped ÷ plain', unit: '×', better: 'higher' },
        { key: 'plainRedisUsPerMsg', label: 'plain Redis µs/msg', unit: 'µs', better: 'lower' },
        { key: 'groupedRedisUsPerMsg', label: 'grouped Redis µs/msg', unit: 'µs', better: 'lower' },
      ],
      timeoutMs: 180_000,
    },
    {
      id: 'redis-partitions',
      caseId: 'redis-partitions',
      title: `15. Redis Cluster (3 masters, own servers): subscribe c50, ${q('30,000', '6,000')} messages, 1 partition vs 3 partitions (same run)`,
      group: 'redis',
      contenders: ['mq'],
      params: { count: q(30_000, 6000), warmup: q(3000, 1000) },
      metrics: [
        { key: 'onePartitionMsgPerSec', label: '1 partition msg/s', unit: 'msg/s', better: 'higher' },
        { key: 'threePartitionsMsgPerSec', label: '3 partitions msg/s', unit: 'msg/s', better: 'higher' },
        { key: 'threeOverOne', label: '3 ÷ 1', unit: '×', better: 'higher' },
        { key: 'oneBusiestShardUsPerMsg', label: '1 partition: busiest master µs/msg', unit: 'µs', better: 'lower' },
        { key: 'threeBusiestShardUsPerMsg', label: '3 partitions: busiest master µs/msg', unit: 'µs', better: 'lower' },
        { key: 'oneTotalRedisUsPerMsg', label: '1 partition: all masters µs/msg', unit: 'µs', better: 'lower' },
        { key: 'threeTotalRedisUsPerMsg', label: '3 partitions: all masters µs/msg', unit: 'µs', better: 'lower' },
        { key: 'nodeCpuUsPerMsgThree', label: '3 partitions: Node µs/msg', unit: 'µs', better: 'lower' },
      ],
      timeoutMs: 180_000,
      maxRepetitions: 3,
    },
    {
      id: 'routing-publish',
      caseId: 'routing-publish',
      title: '16. Redis: publish to 3 bound queues vs one enqueue (awaited one at a time, same run)',
      group: 'redis',
      contenders: ['mq'],
      params: { count: q(4000, 400), warmup: q(500, 100) },
      metrics: [
        { key: 'enqueueUs', label: 'enqueue µs', unit: 'µs', better: 'lower' },
        { key: 'publishUs', label: 'publish µs', unit: 'µs', better: 'lower' },
        { key: 'ratio', label: 'publish ÷ enqueue', unit: '×', better: 'lower' },
        { key: 'nodeCpuRatio', label: 'Node CPU publish ÷ enqueue', unit: '×', better: 'lower' },
        { key: 'redisCpuRatio', label: 'Redis CPU publish ÷ enqueue', unit: '×', better: 'lower' },
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'routing-match',
      caseId: 'routing-match',
      title: '16. routing: matching a topic against 1,000 bindings vs 3 (the core\'s trie)',
      group: 'memory',
      contenders: ['mq-memory'],
      params: { count: q(200_000, 20_000), warmup: q(20_000, 5000) },
      metrics: [
        { key: 'match3Us', label: '3 bindings µs', unit: 'µs', better: 'lower' },
        { key: 'matchUs', label: '1,000 bindings µs', unit: 'µs', better: 'lower' },
      ],
      timeoutMs: 60_000,
    },
  ];
}

/** Issue 12: the payload pipeline against plain @mq in the same run (docs/encryption.md, "Cost"). */
function pipelineCases(quick: boolean): CaseDefinition[] {
  const q = <T>(full: T, small: T): T => (quick ? small : full);
  return [
    {
      id: 'encryption-redis',
      caseId: 'process',
      title: '12. Redis, process c50, 100-byte payloads: encrypted vs plaintext',
      group: 'redis',
      contenders: ['mq', 'mq-encrypted'],
      params: { count: q(30_000, 1000), warmup: q(3000, 200), concurrency: 50, priorities: 0 },
      metrics: [THROUGHPUT],
      timeoutMs: 120_000,
    },
    {
      id: 'compression-redis',
      caseId: 'process',
      title: '12. Redis, process c50, 10 KB payloads: gzip vs none',
      group: 'redis',
      contenders: ['mq', 'mq-gzip'],
      params: { count: q(10_000, 500), warmup: q(1000, 100), concurrency: 50, priorities: 0, textBytes: 10_000 },
      metrics: [THROUGHPUT],
      timeoutMs: 120_000,
    },
    {
      id: 'compression-redis-memory',
      caseId: 'memory-per-message',
      title: `12. Redis memory per waiting 10 KB message (${q('10,000', '1,000')}): gzip vs none`,
      group: 'redis',
      contenders: ['mq', 'mq-gzip'],
      params: { count: q(10_000, 1000), textBytes: 10_000 },
      metrics: [{ key: 'bytesPerMsg', label: 'bytes/msg', unit: 'B', better: 'lower' }],
      timeoutMs: 120_000,
      maxRepetitions: 3,
    },
    {
      id: 'encryption-memory',
      caseId: 'memory-round-trip',
      title: `12. in-memory: enqueue ${q('200,000', '10,000')}, then dequeue + ack each: encrypted vs plaintext`,
      group: 'memory',
      contenders: ['mq-memory', 'mq-memory-encrypted'],
      params: { count: q(200_000, 10_000), warmup: q(20_000, 2000) },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
  ];
}
