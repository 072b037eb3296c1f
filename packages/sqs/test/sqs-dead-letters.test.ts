import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { isMqError, ManualClock, MessageQueue } from '@mq/core';
import { priorityLevelQueueName } from '@mq/core/provider';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { giveBack, walkDeadLetters } from '../src/dead-letter-walk.js';
import { createSqsProvider, sqsQueueNames } from '../src/index.js';
import { SqsCalls } from '../src/sqs-calls.js';
import { emulatorClient } from './support/clocked-client.js';
import { startEmulator, type Emulator } from './support/emulator.js';

let n = 0;

/**
 * Dead letters on SQS as the SQS API allows (docs/sqs.md "Dead letters"): listed, replayed and
 * purged by id through a bounded walk of the dead-letter queue that gives back at once what it
 * does not act on. On both emulators, in real time for SQS; the core judges by a ManualClock
 * (which sets failedAt), so nothing here waits except the one lease that must run out.
 */
for (const kind of ['fauxqs', 'local-aws-sqs'] as const) {
  describe(`dead letters on ${kind}`, () => {
    let emulator: Emulator;
    let raw: SQSClient;
    const clients: SQSClient[] = [];
    const queues: MessageQueue[] = [];
    beforeAll(async () => {
      emulator = await startEmulator(kind);
      raw = emulatorClient(emulator.endpoint);
    });
    afterAll(async () => {
      for (const queue of queues) await queue.disconnect().catch(() => undefined);
      for (const client of clients) client.destroy();
      raw.destroy();
      await emulator.stop();
    });

    async function open(visibilityTimeoutMs = 30_000): Promise<{ queue: MessageQueue; clock: ManualClock; prefix: string; client: SQSClient }> {
      const prefix = `${kind === 'fauxqs' ? 'fd' : 'ld'}${process.pid}n${++n}-`;
      const client = emulatorClient(emulator.endpoint);
      clients.push(client);
      const clock = new ManualClock(1_000_000);
      const queue = new MessageQueue({ clock, visibilityTimeoutMs, retry: { strategy: () => 0, jitter: 0 }, provider: createSqsProvider({ client, prefix, longPollSeconds: 1, clock }) });
      queue.on('error', () => undefined);
      await queue.connect();
      queues.push(queue);
      return { queue, clock, prefix, client };
    }

    /** Enqueues `payload` and fails it until it is dead-lettered (retries of delay 0): its id. */
    async function deadLetter(queue: MessageQueue, payload: string, maxRetries = 0): Promise<string> {
      const id = await queue.enqueue('jobs', queue.createMessage('t', payload, { maxRetries }));
      for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
        const message = await vi.waitFor(async () => {
          const m = await queue.dequeue('jobs');
          if (m === null) throw new Error('not yet');
          return m;
        }, { timeout: 10_000, interval: 50 });
        expect(message.id).toBe(id);
        await queue.nack(message, new Error(`${payload} failed ${attempt}`));
      }
      return id;
    }

    async function deadQueueUrl(prefix: string): Promise<string | undefined> {
      return (await raw.send(new GetQueueUrlCommand({ QueueName: sqsQueueNames(prefix, priorityLevelQueueName('jobs', 5), false).deadLetters }))).QueueUrl;
    }

    /** The back door: [visible, invisible] of the dead-letter queue of level 5, read from the emulator. */
    async function deadQueueCounts(prefix: string): Promise<[number, number]> {
      const QueueUrl = await deadQueueUrl(prefix);
      const { Attributes } = await raw.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      return [Number(Attributes?.ApproximateNumberOfMessages), Number(Attributes?.ApproximateNumberOfMessagesNotVisible)];
    }

    test('lists a dozen dead letters (more than one receive) oldest first, with their error, attempts and failedAt, by offset and limit', async () => {
      const { queue, clock, prefix } = await open();
      const expected: { id: string; attempts: number; failedAt: number; message: string }[] = [];
      for (let i = 0; i < 12; i++) {
        const retries = i % 3 === 0 ? 1 : 0;
        const id = await deadLetter(queue, `p${i}`, retries);
        expected.push({ id, attempts: retries + 1, failedAt: clock.now(), message: `p${i} failed ${retries + 1}` });
        await clock.advance(i % 2 === 0 ? 1000 : 1);
      }
      const listed = await queue.deadLetters('jobs');
      expect(listed.map((d) => ({ id: d.id, attempts: d.attempts, failedAt: d.failedAt, message: d.error.message }))).toEqual(expected);
      expect(listed[3]).toMatchObject({ queueName: 'jobs', payload: 'p3', maxRetries: 1, error: { name: 'Error' } });
      expect((await queue.deadLetters('jobs', { offset: 10, limit: 5 })).map((d) => d.id)).toEqual(expected.slice(10).map((e) => e.id));
      expect((await queue.deadLetters('jobs', { offset: 2, limit: 3 })).map((d) => d.id)).toEqual(expected.slice(2, 5).map((e) => e.id));
      expect(await deadQueueCounts(prefix)).toEqual([12, 0]);
    });

    test('a dead letter whose lease ran out on its final attempt is listed with MQ_LEASE_EXPIRED', async () => {
      const { queue } = await open(1000);
      const id = await queue.enqueue('jobs', queue.createMessage('t', 'hangs', { maxRetries: 0 }));
      expect((await queue.dequeue('jobs'))?.id).toBe(id);
      const dead = new Promise<{ error: unknown }>((resolve) => queue.once('deadLetter', resolve));
      // Not settled: SQS hands it out again when its visibility timeout (1 s, real time) ends, and the core dead-letters it.
      let expired = false;
      void dead.then(() => (expired = true));
      await vi.waitFor(async () => {
        expect(await queue.dequeue('jobs')).toBeNull();
        if (!expired) throw new Error('not yet');
      }, { timeout: 15_000, interval: 200 });
      expect((await dead).error).toSatisfy((e) => isMqError(e, 'MQ_LEASE_EXPIRED'));
      expect(await queue.deadLetters('jobs')).toMatchObject([{ id, attempts: 1, payload: 'hangs', error: { code: 'MQ_LEASE_EXPIRED' } }]);
    });

    test('replays by id: the ones found go back with attempts reset, the rest stay listed, a missing id is reported', async () => {
      const { queue, clock } = await open();
      const ids: string[] = [];
      for (const p of ['a', 'b', 'c', 'd']) {
        ids.push(await deadLetter(queue, p, p === 'b' ? 2 : 0));
        await clock.advance(10);
      }
      const [a, b, c, d] = ids as [string, string, string, string];
      expect(await queue.replayDeadLetters('jobs', [b, d, 'missing-id'])).toEqual({ replayed: expect.arrayContaining([b, d]) as string[], notFound: ['missing-id'] });
      expect((await queue.deadLetters('jobs')).map((x) => x.id)).toEqual([a, c]);
      const back = [await queue.dequeue('jobs'), await queue.dequeue('jobs')];
      expect(back.map((m) => [m?.id, m?.attempts, m?.payload]).sort()).toEqual([[b, 1, 'b'], [d, 1, 'd']].sort());
      expect(await queue.dequeue('jobs')).toBeNull();
      // Replayed once: a second replay of the same ids finds nothing.
      expect(await queue.replayDeadLetters('jobs', [b])).toEqual({ replayed: [], notFound: [b] });
    });

    test('purges by id: only those are removed, and the count says how many', async () => {
      const { queue, clock, prefix } = await open();
      const ids: string[] = [];
      for (const p of ['a', 'b', 'c']) {
        ids.push(await deadLetter(queue, p));
        await clock.advance(10);
      }
      const [a, b, c] = ids as [string, string, string];
      expect(await queue.purgeDeadLetters('jobs', [a, c, 'missing-id'])).toBe(2);
      expect((await queue.deadLetters('jobs')).map((x) => x.id)).toEqual([b]);
      expect(await queue.purgeDeadLetters('jobs', [a])).toBe(0);
      expect(await deadQueueCounts(prefix)).toEqual([1, 0]);
    });

    test('a listing hides nothing: the next listing and a replay of all see every dead letter at once', async () => {
      const { queue, clock, prefix } = await open();
      const ids: string[] = [];
      for (const p of ['a', 'b', 'c']) {
        ids.push(await deadLetter(queue, p));
        await clock.advance(10);
      }
      expect((await queue.deadLetters('jobs')).map((x) => x.id)).toEqual(ids);
      // Given back (visibility 0) before the listing returned: all visible, none held.
      expect(await deadQueueCounts(prefix)).toEqual([3, 0]);
      expect((await queue.deadLetters('jobs', { limit: 1 })).map((x) => x.id)).toEqual([ids[0]]);
      expect((await queue.deadLetters('jobs')).map((x) => x.id)).toEqual(ids);
      // A by-id replay gives back what it did not take, at once too.
      expect((await queue.replayDeadLetters('jobs', [ids[1] as string])).replayed).toEqual([ids[1]]);
      expect(await deadQueueCounts(prefix)).toEqual([2, 0]);
      expect((await queue.replayDeadLetters('jobs')).replayed.sort()).toEqual([ids[0], ids[2]].sort());
      expect(await queue.deadLetters('jobs')).toEqual([]);
    });

    test("a listing's work is bounded: receives of 10 until an empty one, give-backs of 10; a walk stops at its bound and gives back all", async () => {
      const { queue, clock, prefix, client } = await open();
      for (let i = 0; i < 12; i++) {
        await deadLetter(queue, `p${i}`);
        await clock.advance(1);
      }
      const calls = new Map<string, number>();
      client.middlewareStack.add(
        (next, context) => (args) => {
          const name = (context as { commandName?: string }).commandName ?? '';
          calls.set(name, (calls.get(name) ?? 0) + 1);
          return next(args);
        },
        { step: 'initialize', name: 'countCalls' },
      );
      expect(await queue.deadLetters('jobs')).toHaveLength(12);
      // 10 + 2 + an empty long poll on level 5's dead-letter queue (the only one there is); nothing changed but visibility.
      expect(calls.get('ReceiveMessageCommand')).toBe(3);
      expect(calls.get('ChangeMessageVisibilityBatchCommand')).toBe(2);
      expect([...calls.keys()].sort()).toEqual(['ChangeMessageVisibilityBatchCommand', 'GetQueueUrlCommand', 'ReceiveMessageCommand']);
      // The bound (1000 in the provider), here 5: the walk stops there; given back, all 12 are visible again.
      const url = (await deadQueueUrl(prefix)) as string;
      const sqs = new SqsCalls(raw, { region: 'us-east-1', endpoint: emulator.endpoint });
      const walked = await walkDeadLetters(sqs, url, undefined, 5);
      expect(walked).toHaveLength(5);
      // (local-aws-sqs counts held messages among the visible ones too: only the held count is compared.)
      expect((await deadQueueCounts(prefix))[1]).toBe(5);
      await giveBack(sqs, url, walked);
      expect(await deadQueueCounts(prefix)).toEqual([12, 0]);
    });

    test('a queue without dead letters lists none, and by-id replay and purge find nothing', async () => {
      const { queue } = await open();
      expect(await queue.deadLetters('jobs')).toEqual([]);
      expect(await queue.replayDeadLetters('jobs', ['x'])).toEqual({ replayed: [], notFound: ['x'] });
      expect(await queue.purgeDeadLetters('jobs', ['x'])).toBe(0);
    });
  });
}
