import { THROUGHPUT, type CaseDefinition } from './case-definition.js';

/**
 * Issue 12: the payload pipeline against plain @mq in the same run (docs/encryption.md, "Cost"),
 * and issue 20's feature rows at concurrency 50: each feature contender against plain 'mq' in the
 * same case, interleaved run by run (A B A B …, each run its own process).
 */
export function pipelineCases(quick: boolean): CaseDefinition[] {
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
      // Issue 20: every message with its own deduplication key (until-settled: stored at enqueue, released at ack).
      id: 'dedup-c50',
      caseId: 'process',
      title: '13. Redis, process c50: a deduplication key per message vs none',
      group: 'redis',
      contenders: ['mq', 'mq-dedup'],
      params: { count: q(30_000, 1000), warmup: q(3000, 200), concurrency: 50, priorities: 0 },
      metrics: [THROUGHPUT],
      timeoutMs: 120_000,
    },
    {
      // Issue 20: the messages in 100 groups, groupConcurrency 10 (as redis-groups, but interleaved run by run).
      id: 'groups-c50',
      caseId: 'process',
      title: '8. Redis, process c50: 100 groups, groupConcurrency 10, vs no groups',
      group: 'redis',
      contenders: ['mq', 'mq-grouped'],
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
      // 50,000, not 200,000 (issue 20: the full run within 15 minutes): the encrypted side runs at ~20,000 msg/s, 2.5 s a run.
      caseId: 'memory-round-trip',
      title: `12. in-memory: enqueue ${q('50,000', '10,000')}, then dequeue + ack each: encrypted vs plaintext`,
      group: 'memory',
      contenders: ['mq-memory', 'mq-memory-encrypted'],
      params: { count: q(50_000, 10_000), warmup: q(10_000, 2000) },
      metrics: [THROUGHPUT],
      timeoutMs: 180_000,
    },
  ];
}

/** Issues 13, 15 and 16: deduplication, fair groups, partitions and routing, each measured inside one process. */
export function featureCases(quick: boolean): CaseDefinition[] {
  const q = <T>(full: T, small: T): T => (quick ? small : full);
  return [
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
      contenders: ['mq-memory', 'baseline'],
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
