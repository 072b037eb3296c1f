import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisQueue } from '../src/create-redis-queue.js';
import { forkWorker, killWorker, type WorkerEvent } from './support/fork-worker.js';
import { standaloneUrl, uniquePrefix } from './support/test-redis.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => killWorker(c)));
});

async function startWorkers(count: number, config: object, events: WorkerEvent[]): Promise<ChildProcess[]> {
  const started = Array.from({ length: count }, () => forkWorker('consumer-worker.ts', config, (e) => events.push(e)));
  children.push(...started);
  await vi.waitFor(() => expect(events.filter((e) => e.type === 'ready')).toHaveLength(count), { timeout: 20_000, interval: 20 });
  return started;
}

function producer(prefix: string) {
  return createRedisQueue({ url: standaloneUrl(), prefix });
}

describe('several consumer processes on one queue', () => {
  it('processes each of 5,000 messages exactly once across 4 processes', async () => {
    const prefix = uniquePrefix('mp');
    const events: WorkerEvent[] = [];
    await startWorkers(4, { url: standaloneUrl(), prefix, queueName: 'jobs', concurrency: 8, leaseMs: 30_000, hangOnFirstAttempt: [] }, events);
    const queue = producer(prefix);
    await queue.connect();
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const messages = Array.from({ length: 500 }, (_, i) => queue.createMessage('job', { n: batch * 500 + i }, { priority: 1 + ((batch * 500 + i) % 10) }));
      ids.push(...(await queue.enqueueMany('jobs', messages)));
    }
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'done').length).toBeGreaterThanOrEqual(5000), { timeout: 60_000, interval: 50 });
    const done = events.filter((e) => e.type === 'done');
    const counts = new Map<string, number>();
    for (const e of done) counts.set(e.id as string, (counts.get(e.id as string) ?? 0) + 1);
    expect(done).toHaveLength(5000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set(ids));
    expect(new Set(done.map((e) => e.pid)).size).toBeGreaterThan(1);
    await vi.waitFor(async () => expect(await queue.getStats('jobs')).toMatchObject({ completedMessages: 5000, pendingMessages: 0, processingMessages: 0 }), {
      timeout: 10_000,
    });
    await queue.disconnect();
  }, 90_000);

  it('redelivers the message of a SIGKILLed consumer after its lease expires, losing nothing else', async () => {
    const prefix = uniquePrefix('kill');
    const events: WorkerEvent[] = [];
    const config = { url: standaloneUrl(), prefix, queueName: 'jobs', concurrency: 2, leaseMs: 1000, hangOnFirstAttempt: ['victim'] };
    const workers = await startWorkers(3, config, events);
    const queue = producer(prefix);
    await queue.connect();
    const ids = [...(await queue.enqueueMany('jobs', Array.from({ length: 100 }, (_, i) => queue.createMessage('job', { i }))))];
    ids.push(await queue.enqueue('jobs', queue.createMessage('job', { victim: true }, { id: 'victim' })));
    ids.push(...(await queue.enqueueMany('jobs', Array.from({ length: 100 }, (_, i) => queue.createMessage('job', { j: i })))));

    await vi.waitFor(() => expect(events.find((e) => e.type === 'start' && e.id === 'victim')).toBeDefined(), { timeout: 20_000, interval: 10 });
    const holder = events.find((e) => e.type === 'start' && e.id === 'victim')?.pid;
    const killed = workers.find((w) => w.pid === holder) as ChildProcess;
    await killWorker(killed);
    const startedByKilled = new Set(events.filter((e) => e.pid === holder && e.type === 'start').map((e) => e.id));

    await vi.waitFor(() => expect(new Set(events.filter((e) => e.type === 'done').map((e) => e.id))).toEqual(new Set(ids)), { timeout: 30_000, interval: 50 });
    const victimDone = events.filter((e) => e.type === 'done' && e.id === 'victim');
    expect(victimDone).toHaveLength(1);
    expect(victimDone[0]?.pid).not.toBe(holder);
    expect(victimDone[0]?.attempt).toBe(2);
    // A message finished twice must have been started by the killed process first.
    const doneCounts = new Map<string, number>();
    for (const e of events.filter((x) => x.type === 'done')) doneCounts.set(e.id as string, (doneCounts.get(e.id as string) ?? 0) + 1);
    for (const [id, n] of doneCounts) if (n > 1) expect(startedByKilled.has(id)).toBe(true);
    await vi.waitFor(async () => expect(await queue.getStats('jobs')).toMatchObject({ pendingMessages: 0, processingMessages: 0, completedMessages: 201 }), {
      timeout: 10_000,
    });
    await queue.disconnect();
  }, 90_000);
});
