import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisQueue } from '../src/create-redis-queue.js';
import { forkWorker, killWorker, type WorkerEvent } from './support/fork-worker.js';
import { standaloneUrl, uniquePrefix } from './support/test-redis.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => killWorker(c)));
});

const GROUPS = ['A', 'B', 'C'];
const PER_GROUP = 12;
const LIMIT = 2;

describe('groupConcurrency across consumer processes', () => {
  it('four processes never hold more than groupConcurrency messages of one group, and a freed place is taken by any of them', async () => {
    const prefix = uniquePrefix('mpg');
    const events: WorkerEvent[] = [];
    const config = { url: standaloneUrl(), prefix, queueName: 'jobs', concurrency: 4, groupConcurrency: LIMIT, recheckIntervalMs: 600_000 };
    const workers = Array.from({ length: 4 }, () => forkWorker('group-consumer-worker.ts', config, (e) => events.push(e)));
    children.push(...workers);
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'ready')).toHaveLength(4), { timeout: 20_000, interval: 20 });
    const queue = createRedisQueue({ url: standaloneUrl(), prefix });
    await queue.connect();
    try {
      for (const g of GROUPS) {
        await queue.enqueueMany('jobs', Array.from({ length: PER_GROUP }, (_, n) => queue.createMessage('job', { g, n }, { groupId: g })));
      }
      const byPid = new Map(workers.map((w) => [w.pid as number, w]));
      const releasedPerGroup = new Map(GROUPS.map((g) => [g, 0]));
      const released = new Set<string>();
      const most = new Map<string, number>();
      const inFlight = () => events.filter((e) => e.type === 'start' && !released.has(e.id as string));
      for (let done = 0; done < GROUPS.length * PER_GROUP; done++) {
        // Every group that has messages left holds as many as the limit lets it: each freed place was taken.
        const expected = GROUPS.reduce((sum, g) => sum + Math.min(LIMIT, PER_GROUP - (releasedPerGroup.get(g) ?? 0)), 0);
        await vi.waitFor(() => expect(inFlight()).toHaveLength(expected), { timeout: 20_000, interval: 5 });
        for (const g of GROUPS) most.set(g, Math.max(most.get(g) ?? 0, inFlight().filter((e) => e.group === g).length));
        const next = inFlight()[0] as WorkerEvent;
        released.add(next.id as string);
        releasedPerGroup.set(next.group as string, (releasedPerGroup.get(next.group as string) ?? 0) + 1);
        byPid.get(next.pid)?.send({ type: 'release', id: next.id });
      }
      expect(Object.fromEntries(most)).toEqual({ A: LIMIT, B: LIMIT, C: LIMIT });
      await vi.waitFor(async () => expect(await queue.getStats('jobs')).toMatchObject({ completedMessages: 36, pendingMessages: 0, processingMessages: 0 }), { timeout: 20_000 });
      const starts = events.filter((e) => e.type === 'start');
      expect(starts).toHaveLength(36);
      expect(new Set(starts.map((e) => e.id)).size).toBe(36);
      expect(new Set(starts.map((e) => e.pid)).size).toBeGreaterThan(1);
    } finally {
      await queue.disconnect();
    }
  }, 120_000);
});
