import { createRedisQueue } from '@mq/redis';
import { benchPayload } from '../harness/bench-payload.js';
import type { CaseContext, CaseResult } from '../harness/case-types.js';
import { startRedisCluster } from '../harness/redis-cluster.js';
import { RedisInfo } from '../harness/redis-info.js';
import { param } from './open-contender.js';

/** One drain on the cluster: wall time, and per master its CPU and its script calls' usec (INFO commandstats). */
interface ShardCost {
  readonly wallMs: number;
  readonly nodeCpuMs: number;
  readonly cpuMs: readonly number[];
  readonly scriptUsec: readonly number[];
}

async function scriptUsec(info: RedisInfo): Promise<number> {
  let usec = 0;
  for (const [key, value] of await info.section('commandstats')) {
    if (/^cmdstat_(evalsha|eval|evalsha_ro|eval_ro)$/.test(key)) usec += Number(/usec=(\d+)/.exec(value)?.[1] ?? 0);
  }
  return usec;
}

/**
 * Issue 15, partitioned queues: `count` messages drained by one subscriber (concurrency 50) from
 * a queue of 1 partition and one of 3, interleaved (1, 3, 3, 1: half the messages each), on a
 * private 3-master cluster started by the case.
 * Reports both rates and, per master, Redis CPU and script time per message (docs/scaling.md).
 */
export async function redisPartitionsCase(context: CaseContext): Promise<CaseResult> {
  const cluster = await startRedisCluster();
  const infos = cluster.servers.map((s) => new RedisInfo(s.port));
  await Promise.all(infos.map((i) => i.connect()));
  const queue = createRedisQueue({ url: cluster.url });
  await queue.connect();
  const count = param(context, 'count');
  const drain = async (queueName: string, partitions: number, n: number): Promise<ShardCost> => {
    await queue.declareQueue(queueName, { partitions });
    for (let start = 0; start < n; start += 1000) {
      const size = Math.min(1000, n - start);
      await queue.enqueueMany(queueName, Array.from({ length: size }, (_, i) => queue.createMessage('bench', benchPayload(start + i))));
    }
    await Promise.all(infos.map((i) => i.resetStats()));
    const cpuBefore = await Promise.all(infos.map((i) => i.cpuMs()));
    const nodeBefore = process.cpuUsage();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let handled = 0;
      const subscription = queue.subscribe(
        queueName,
        async () => {
          if (++handled === n) void subscription.close().then(resolve);
          await Promise.resolve();
        },
        { concurrency: 50 },
      );
    });
    const wallMs = performance.now() - started;
    const node = process.cpuUsage(nodeBefore);
    const cpuAfter = await Promise.all(infos.map((i) => i.cpuMs()));
    return { wallMs, nodeCpuMs: (node.user + node.system) / 1000, cpuMs: cpuAfter.map((c, i) => c - (cpuBefore[i] as number)), scriptUsec: await Promise.all(infos.map(scriptUsec)) };
  };
  try {
    await drain('warm_one', 1, param(context, 'warmup'));
    await drain('warm_three', 3, param(context, 'warmup'));
    const half = Math.ceil(count / 2);
    const oneA = await drain('one_a', 1, half);
    const threeA = await drain('three_a', 3, half);
    const threeB = await drain('three_b', 3, half);
    const one = sumCosts(oneA, await drain('one_b', 1, half));
    const three = sumCosts(threeA, threeB);
    const total = half * 2;
    const rate = (cost: ShardCost) => (total / cost.wallMs) * 1000;
    const perMsg = (values: readonly number[], scale: number) => values.map((v) => (v * scale) / total);
    const oneCpu = perMsg(one.cpuMs, 1000);
    const threeCpu = perMsg(three.cpuMs, 1000);
    const threeScript = perMsg(three.scriptUsec, 1);
    const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
    const fmt = (values: readonly number[]) => values.map((v) => v.toFixed(1)).join('/');
    return {
      wallMs: three.wallMs,
      nodeCpuMs: three.nodeCpuMs,
      redisCpuMs: sum(three.cpuMs),
      metrics: {
        onePartitionMsgPerSec: rate(one),
        threePartitionsMsgPerSec: rate(three),
        threeOverOne: rate(three) / rate(one),
        oneBusiestShardUsPerMsg: Math.max(...oneCpu),
        threeBusiestShardUsPerMsg: Math.max(...threeCpu),
        oneTotalRedisUsPerMsg: sum(oneCpu),
        threeTotalRedisUsPerMsg: sum(threeCpu),
        threeScriptUsPerMsg: sum(threeScript),
        nodeCpuUsPerMsgThree: (three.nodeCpuMs * 1000) / total,
      },
      note: `Redis CPU µs/msg per master: 1 partition ${fmt(oneCpu)}, 3 partitions ${fmt(threeCpu)}; script µs/msg per master (3 partitions) ${fmt(threeScript)}; Node CPU µs/msg 1 partition ${((one.nodeCpuMs * 1000) / total).toFixed(1)}, 3 partitions ${((three.nodeCpuMs * 1000) / total).toFixed(1)}`,
    };
  } finally {
    await queue.disconnect();
    await Promise.all(infos.map((i) => i.close()));
    await cluster.stop();
  }
}

function sumCosts(a: ShardCost, b: ShardCost): ShardCost {
  const add = (x: readonly number[], y: readonly number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return { wallMs: a.wallMs + b.wallMs, nodeCpuMs: a.nodeCpuMs + b.nodeCpuMs, cpuMs: add(a.cpuMs, b.cpuMs), scriptUsec: add(a.scriptUsec, b.scriptUsec) };
}
