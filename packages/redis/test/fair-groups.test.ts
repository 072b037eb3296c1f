import { ManualClock, createMessageQueue, isMqError } from '@mq/core';
import type { EnqueueRecord, TakenRecord } from '@mq/core/provider';
import { afterAll, describe, expect, it } from 'vitest';
import { redisQueueKeys } from '../src/testing.js';
import { groupKeys } from './support/group-keys.js';
import { rawClient, testProvider, uniquePrefix } from './support/test-redis.js';

const clients = { standalone: rawClient(), cluster: rawClient(true) };
afterAll(async () => void (await Promise.all([clients.standalone.quit(), clients.cluster.quit()])));

const rec = (id: string, groupId: string | undefined, priority = 5, delayMs = 0): EnqueueRecord => ({
  id,
  priority,
  delayMs,
  data: `{"id":"${id}"}`,
  ...(groupId === undefined ? {} : { groupId }),
});
const ref = (r: TakenRecord) => ({ id: r.id, leaseToken: r.leaseToken });

describe.each(['standalone', 'cluster'] as const)('fair groups on Redis (%s): the keys they use', (mode) => {
  const client = clients[mode];
  const provider = (clock?: ManualClock) => testProvider({ cluster: mode === 'cluster', ...(clock === undefined ? {} : { clock }) });

  it('groups created and emptied through retries, expired leases, dead letters and replays leave no key behind', async () => {
    const clock = new ManualClock();
    const p = provider(clock);
    await p.doConnect();
    try {
      for (let round = 0; round < 4; round++) {
        const records = Array.from({ length: 120 }, (_, i) => rec(`r${round}-${i}`, i % 7 === 0 ? undefined : `g${round}-${i % 40}`, 1 + (i % 3) * 4, i % 11 === 0 ? 50 : 0));
        expect((await p.doEnqueue('q', records)).duplicateIds).toEqual([]);
        expect(await groupKeys(client, p, 'q')).not.toEqual([]);
        await clock.advance(60);
        let settled = 0;
        for (let pass = 0; settled < 120; pass++) {
          const taken = await p.doTake('q', { max: 25, leaseMs: 1000, groupConcurrency: 2 });
          if (taken.length === 0) {
            // Held back by groupConcurrency or waiting out a lease: let the leases expire.
            await clock.advance(1001);
            continue;
          }
          for (const [k, r] of taken.entries()) {
            const mode = (k + pass) % 5;
            if (mode === 0 && r.attempts === 1) await p.doRelease('q', ref(r), { delayMs: k % 2 === 0 ? 0 : 30 });
            else if (mode === 1 && r.attempts === 1) continue; // its lease expires: reclaimed by a later take
            else if (mode === 2 && r.attempts === 1 && k % 3 === 0) {
              await p.doDeadLetter('q', ref(r), 'boom');
              settled++;
            } else {
              await p.doAck('q', ref(r), 1);
              settled++;
            }
          }
          await clock.advance(31);
        }
        // The dead letters keep their group, for a replay; nothing else is kept.
        const dead = await p.doListDeadLetters('q', { offset: 0, limit: 1000 });
        const kept = await groupKeys(client, p, 'q');
        expect(kept.every((line) => line.startsWith('group of '))).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(dead.length);
        if (round % 2 === 0) await p.doPurgeDeadLetters('q', undefined);
        else {
          await p.doReplayDeadLetters('q', undefined);
          for (let taken = await p.doTake('q', { max: 100, leaseMs: 1000 }); taken.length > 0; taken = await p.doTake('q', { max: 100, leaseMs: 1000 })) {
            for (const r of taken) await p.doAck('q', ref(r), 1);
          }
        }
        expect(await groupKeys(client, p, 'q')).toEqual([]);
      }
      expect(await p.doCount('q')).toMatchObject({ ready: 0, delayed: 0, processing: 0, dead: 0 });
    } finally {
      await p.doDisconnect();
    }
  });

  it('purge drops every group list, ring and count, and keeps the groups of dead letters; a replay puts them back in their group', async () => {
    const p = provider();
    await p.doConnect();
    try {
      await p.doEnqueue('q', [rec('d', 'A'), rec('a1', 'A'), rec('b1', 'B', 9), rec('u', undefined), rec('later', 'C', 5, 60_000)]);
      const [d] = await p.doTake('q', { max: 1, leaseMs: 30_000 });
      expect(d?.id).toBe('b1');
      await p.doDeadLetter('q', ref(d as TakenRecord), 'boom');
      await p.doTake('q', { max: 1, leaseMs: 30_000 });
      expect(await p.doPurge('q')).toBe(4);
      expect(await groupKeys(client, p, 'q')).toEqual(['group of b1: B']);
      expect(await p.doReplayDeadLetters('q', undefined)).toEqual(['b1']);
      expect(await p.doCountGroups('q', 10)).toEqual([{ groupId: 'B', waiting: 1 }]);
    } finally {
      await p.doDisconnect();
    }
  });

  it('a published message keeps its group in every queue it is routed to; a retried publish stores no copy twice', async () => {
    const queue = createMessageQueue({ provider: provider() });
    await queue.connect();
    try {
      await queue.bind({ pattern: 'orders.*', queue: 'first' });
      await queue.bind({ pattern: 'orders.*', queue: 'second' });
      const message = queue.createMessage('t', 1, { groupId: 'tenant-7', id: 'm1' });
      expect((await queue.publish('orders.new', message)).routedTo.sort()).toEqual(['first', 'second']);
      await queue.publish('orders.new', message);
      await queue.publish('orders.new', queue.createMessage('t', 2));
      for (const name of ['first', 'second']) {
        expect((await queue.getStats(name, { topGroups: 5 })).groups).toEqual([{ groupId: 'tenant-7', waiting: 1 }]);
        expect((await queue.getStats(name)).pendingMessages).toBe(2);
      }
    } finally {
      await queue.disconnect();
    }
  });

  it('deleteQueue removes every key of a queue with groups', async () => {
    const p = provider();
    await p.doConnect();
    try {
      await p.doEnqueue('q', [rec('a', 'A'), rec('b', 'B', 2), rec('c', 'C', 2), rec('u', undefined, 2)]);
      const taken = await p.doTake('q', { max: 2, leaseMs: 30_000 });
      await p.doDeadLetter('q', ref(taken[0] as TakenRecord), 'boom');
      expect(await groupKeys(client, p, 'q')).not.toEqual([]);
      await p.doDeleteQueue('q');
      expect(await groupKeys(client, p, 'q')).toEqual([]);
      const keys = redisQueueKeys(p, 'q');
      expect(await client.exists(keys.records, keys.dead, keys.counters, keys.groupOf, keys.groupCounts, ...keys.rings)).toBe(0);
    } finally {
      await p.doDisconnect();
    }
  });
});

describe('fair groups on Redis: across providers and what is refused', () => {
  it('a take held back by groupConcurrency in one process is woken by the ack of another', async () => {
    const prefix = uniquePrefix('gwake');
    // No periodic recheck within the test: only the wake-up the ack publishes can end the wait.
    const [first, peer] = [testProvider({ prefix, recheckIntervalMs: 600_000 }), testProvider({ prefix, recheckIntervalMs: 600_000 })];
    await Promise.all([first.doConnect(), peer.doConnect()]);
    try {
      await first.doEnqueue('q', [rec('a1', 'A'), rec('a2', 'A')]);
      // Work is ready: this resolves, and leaves the peer subscribed to the queue's wake-ups.
      await peer.doWaitForWork('q', new AbortController().signal);
      const [a1] = await first.doTake('q', { max: 5, leaseMs: 30_000, groupConcurrency: 1 });
      expect(a1?.id).toBe('a1');
      expect(await peer.doTake('q', { max: 5, leaseMs: 30_000, groupConcurrency: 1 })).toEqual([]);
      const waiting = peer.doWaitForWork('q', new AbortController().signal);
      await first.doAck('q', ref(a1 as TakenRecord), 1);
      await waiting;
      expect((await peer.doTake('q', { max: 5, leaseMs: 30_000, groupConcurrency: 1 })).map((r) => r.id)).toEqual(['a2']);
    } finally {
      await Promise.all([first.doDisconnect(), peer.doDisconnect()]);
    }
  });

  it('refuses a deduplication key with a group in one call, storing nothing', async () => {
    const queue = createMessageQueue({ provider: testProvider() });
    await queue.connect();
    try {
      const both = queue.createMessage('t', 1, { groupId: 'A', deduplication: { key: 'k', ttlMs: 1000 } });
      const refused = await queue.enqueue('q', both).catch((error: unknown) => error);
      expect(isMqError(refused) && refused.code).toBe('MQ_UNSUPPORTED');
      expect((await queue.getStats('q')).pendingMessages).toBe(0);
    } finally {
      await queue.disconnect();
    }
  });
});
