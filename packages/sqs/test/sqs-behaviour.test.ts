import { ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { isMqError, MessageQueue, type MessageQueueOptions, type ReceivedMessage } from '@mq/core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createSqsProvider } from '../src/index.js';
import { emulatorClient } from './support/clocked-client.js';
import { startEmulator, type Emulator } from './support/emulator.js';

let n = 0;

// Real time on both emulators (no clock bridge): whole-second leases, delays, retries and dead letters.
for (const kind of ['fauxqs', 'local-aws-sqs'] as const) {
  describe(`sqs on ${kind}, in real time`, () => {
    let emulator: Emulator;
    const clients: SQSClient[] = [];
    const queues: MessageQueue[] = [];
    beforeAll(async () => {
      emulator = await startEmulator(kind);
    });
    afterAll(async () => {
      for (const queue of queues) await queue.disconnect().catch(() => undefined);
      for (const client of clients) client.destroy();
      await emulator.stop();
    });
    async function open(prefix: string, options: Omit<MessageQueueOptions, 'provider'> = {}): Promise<{ queue: MessageQueue; client: SQSClient }> {
      const client = emulatorClient(emulator.endpoint);
      clients.push(client);
      const queue = new MessageQueue({ retry: { jitter: 0 }, ...options, provider: createSqsProvider({ client, prefix, longPollSeconds: 1 }) });
      queue.on('error', () => undefined);
      await queue.connect();
      queues.push(queue);
      return { queue, client };
    }
    const fresh = (): string => `${kind === 'fauxqs' ? 'f' : 'l'}${process.pid}n${++n}-`;

    test('the core refuses a late ack it knows is late; SQS itself would still take the stale receipt handle', async () => {
      const { queue } = await open(fresh(), { visibilityTimeoutMs: 1000 });
      await queue.enqueue('jobs', queue.createMessage('t', 'x'));
      const first = await queue.dequeue('jobs');
      if (first === null) throw new Error('expected a message');
      // The lease (1 s, a visibility timeout of 1 s) runs out: redelivered with the attempt counted.
      const second = await vi.waitFor(async () => {
        const again = await queue.dequeue('jobs');
        if (again === null) throw new Error('not yet');
        return again;
      }, { timeout: 10_000, interval: 200 });
      expect(second).toMatchObject({ id: first.id, attempts: 2 });
      // Fenced by the core (LeaseGuard): the late holder's ack changes nothing, and says so.
      await expect(queue.ack(first)).rejects.toSatisfy((e) => isMqError(e, 'MQ_LEASE_LOST'));
      await queue.ack(second);
      expect(await queue.dequeue('jobs')).toBeNull();
    });

    test('without the core, a stale receipt handle is not fenced by SQS: what the guard is for', async () => {
      const client = emulatorClient(emulator.endpoint);
      clients.push(client);
      const provider = createSqsProvider({ client, prefix: fresh() });
      await provider.doConnect();
      await provider.doEnqueue('jobs', [{ id: 'a', priority: 5, delayMs: 0, data: 'x' }]);
      const [taken] = await provider.doTake('jobs', { max: 1, leaseMs: 1000 });
      if (taken === undefined) throw new Error('expected a record');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // past the visibility timeout (real SQS time)
      // The store answers true to a settle whose lease is over: nothing but the core's guard refuses it.
      expect(await provider.doAck('jobs', { id: 'a', leaseToken: taken.leaseToken }, 1)).toBe(true);
      await provider.doDisconnect();
    });

    test('retries with backoff keep the last error, then dead-letter with it; replay brings the message back', async () => {
      const { queue } = await open(fresh(), { retry: { strategy: () => 1000, jitter: 0 } });
      await queue.enqueue('jobs', queue.createMessage('t', 'poison', { maxRetries: 1 }));
      const dead = new Promise<unknown>((resolve) => queue.once('deadLetter', (event) => resolve(event.error)));
      const seen: ReceivedMessage[] = [];
      const subscription = queue.subscribe('jobs', (m) => {
        seen.push(m);
        throw new Error(`fail ${m.attempts}`);
      });
      expect(await dead).toMatchObject({ message: 'fail 2' });
      expect(seen.map((m) => m.attempts)).toEqual([1, 2]);
      expect(seen[1]?.lastError?.message).toBe('fail 1');
      await subscription.close();
      expect(await queue.getStats('jobs')).toMatchObject({ approximate: true });
      expect(await queue.deadLetters('jobs')).toMatchObject([{ attempts: 2, error: { message: 'fail 2' }, payload: 'poison' }]);
      expect((await queue.replayDeadLetters('jobs')).replayed).toHaveLength(1);
    });

    test('a delay of 2 s: not before, then delivered', async () => {
      const { queue } = await open(fresh());
      await queue.enqueue('jobs', queue.createMessage('t', 'later', { delayMs: 2000 }));
      const sentAt = Date.now();
      expect(await queue.dequeue('jobs')).toBeNull();
      const message = await vi.waitFor(async () => {
        const m = await queue.dequeue('jobs');
        if (m === null) throw new Error('not yet');
        return m;
      }, { timeout: 10_000, interval: 200 });
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1000);
      expect(message.payload).toBe('later');
    });

    test('two instances share a queue: every message handled, completed counted where it was acked', async () => {
      const prefix = fresh();
      const a = await open(prefix);
      const b = await open(prefix);
      const seen: string[] = [];
      for (const { queue } of [a, b]) queue.subscribe('jobs', (m) => void seen.push(m.id), { concurrency: 4 });
      await a.queue.enqueueMany('jobs', Array.from({ length: 40 }, (_, i) => a.queue.createMessage('t', i)));
      await vi.waitFor(() => expect(new Set(seen).size).toBe(40), { timeout: 20_000, interval: 100 });
      await vi.waitFor(async () => {
        const total = (await a.queue.getStats('jobs')).completedMessages + (await b.queue.getStats('jobs')).completedMessages;
        expect(total).toBe(seen.length);
      }, { timeout: 10_000, interval: 100 });
    });

    test('with createQueues: false, a missing queue fails clearly and nothing is created', async () => {
      const client = emulatorClient(emulator.endpoint);
      clients.push(client);
      const prefix = fresh();
      const queue = new MessageQueue({ provider: createSqsProvider({ client, prefix, createQueues: false }) });
      await queue.connect();
      queues.push(queue);
      const error = await queue.enqueue('jobs', queue.createMessage('t', 1)).catch((e: unknown) => e);
      expect(error).toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_ERROR'));
      expect((error as Error).message).toMatch(/does not exist and createQueues is false/);
      expect((error as { details: { reason: string } }).details.reason).toBe('queue-missing');
      expect((await client.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? []).toEqual([]);
    });

    test('enqueueMany goes out as SendMessageBatch, 10 per call', async () => {
      const { queue, client } = await open(fresh());
      const sent: number[] = [];
      client.middlewareStack.add((next) => (args) => {
        const input = args.input as { Entries?: unknown[] };
        if (Array.isArray(input.Entries) && (args.input as { QueueUrl?: string }).QueueUrl !== undefined && 'MessageBody' in ((input.Entries[0] ?? {}) as object)) sent.push(input.Entries.length);
        return next(args);
      }, { step: 'initialize', name: 'countBatches' });
      await queue.enqueueMany('jobs', Array.from({ length: 25 }, (_, i) => queue.createMessage('t', i)));
      expect(sent).toEqual([10, 10, 5]);
    });
  });
}

describe('sqs on fauxqs, an idle subscriber', () => {
  test('long-polls: one take visits the ten levels, then waits 20 s on one receive', async () => {
    const emulator = await startEmulator('fauxqs');
    const client = emulatorClient(emulator.endpoint);
    const receives: number[] = [];
    let calls = 0;
    client.middlewareStack.add((next) => (args) => {
      calls++;
      const input = args.input as { WaitTimeSeconds?: number; MaxNumberOfMessages?: number };
      if (input.MaxNumberOfMessages !== undefined) receives.push(input.WaitTimeSeconds ?? 0);
      return next(args);
    }, { step: 'initialize', name: 'countReceives' });
    const queue = new MessageQueue({ provider: createSqsProvider({ client, prefix: `idle${process.pid}-` }) });
    await queue.connect();
    try {
      // Every level's SQS queue exists (as after some use), so a take visits all ten.
      for (let priority = 1; priority <= 10; priority++) await queue.enqueue('jobs', queue.createMessage('t', priority, { priority }));
      const handled: unknown[] = [];
      queue.subscribe('jobs', (m) => void handled.push(m.payload));
      await vi.waitFor(() => expect(handled).toHaveLength(10), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect(receives.at(-1)).toBe(20), { timeout: 10_000, interval: 50 });
      const before = { calls, receives: receives.length };
      // Idle for 3 s: still inside that one long poll, nothing else asked.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect({ calls, receives: receives.length }).toEqual(before);
      // The last take: the ten levels without waiting, then one long poll of 20 s.
      expect(receives.slice(-11)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20]);
    } finally {
      await queue.disconnect();
      client.destroy();
      await emulator.stop();
    }
  });
});
