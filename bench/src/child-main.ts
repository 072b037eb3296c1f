// Entry point of one benchmark child process: runs one case for one contender, prints one RESULT line.
import { delayedCase } from './cases/delayed-case.js';
import { enqueueCase } from './cases/enqueue-case.js';
import { idleCase } from './cases/idle-case.js';
import { memoryBacklogCase, memoryRoundTripCase, memorySubscribeCase } from './cases/in-process-cases.js';
import { latencyCase } from './cases/latency-case.js';
import { memoryGroupsCase } from './cases/memory-groups-case.js';
import { redisGroupsCase } from './cases/redis-groups-case.js';
import { redisPartitionsCase } from './cases/redis-partitions-case.js';
import { memoryPerMessageCase } from './cases/memory-per-message-case.js';
import { persistenceInflightCase, persistenceRestartCase, persistenceRoundTripCase } from './cases/persistence-cases.js';
import { processCase } from './cases/process-case.js';
import { redisBacklogCase } from './cases/redis-backlog-case.js';
import { redisDedupCase } from './cases/redis-dedup-case.js';
import { routingMatchCase, routingPublishCase } from './cases/routing-cases.js';
import type { CaseRunner, ChildSpec } from './harness/case-types.js';
import { RedisInfo } from './harness/redis-info.js';

const RUNNERS: Record<string, CaseRunner> = {
  'enqueue-sequential': enqueueCase('sequential'),
  'enqueue-inflight': enqueueCase('inflight'),
  'enqueue-bulk': enqueueCase('bulk'),
  process: processCase,
  latency: latencyCase,
  delayed: delayedCase,
  'memory-per-message': memoryPerMessageCase,
  idle: idleCase,
  'memory-round-trip': memoryRoundTripCase,
  'memory-subscribe': memorySubscribeCase,
  'memory-backlog': memoryBacklogCase,
  'redis-backlog': redisBacklogCase,
  'persistence-round-trip': persistenceRoundTripCase,
  'persistence-inflight': persistenceInflightCase,
  'persistence-restart': persistenceRestartCase,
  'redis-dedup': redisDedupCase,
  'memory-groups': memoryGroupsCase,
  'redis-groups': redisGroupsCase,
  'redis-partitions': redisPartitionsCase,
  'routing-publish': routingPublishCase,
  'routing-match': routingMatchCase,
};

async function flushRedis(port: number): Promise<void> {
  const redis = new RedisInfo(port);
  await redis.connect();
  await redis.flushAll();
  await redis.close();
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  const runner = RUNNERS[spec.caseId];
  if (runner === undefined) throw new Error(`unknown case "${spec.caseId}"`);
  const results = [];
  for (let rep = 0; rep < Math.max(1, spec.repetitions); rep++) {
    if (rep > 0 && spec.port > 0) await flushRedis(spec.port);
    results.push(await runner({ contender: spec.contender, params: spec.params, port: spec.port, ...(spec.peerProfile === undefined ? {} : { peerProfile: spec.peerProfile }) }));
  }
  process.stdout.write(`RESULT ${JSON.stringify(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
