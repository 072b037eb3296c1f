import { GetQueueAttributesCommand, ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { isMqError, MessageQueue, type MessageQueueOptions, type ReceivedMessage } from '@mq/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSqsProvider } from '../src/index.js';
import { sqsSettingsFromEnv } from '../src/sqs-provider-options.js';
import { emulatorClient } from './support/clocked-client.js';
import { startEmulator, type Emulator } from './support/emulator.js';

describe('fifo option: settings', () => {
  test('MQ_SQS_FIFO is true or false; anything else is refused naming what is allowed', () => {
    expect(sqsSettingsFromEnv({ MQ_SQS_FIFO: 'true' })).toMatchObject({ fifo: true });
    expect(sqsSettingsFromEnv({ MQ_SQS_FIFO: 'false' })).toMatchObject({ fifo: false });
    expect(sqsSettingsFromEnv({})).not.toHaveProperty('fifo');
    expect(() => sqsSettingsFromEnv({ MQ_SQS_FIFO: 'yes' })).toThrow(/MQ_SQS_FIFO "yes": true .* or false/);
    try {
      createSqsProvider({ fifo: 'true' as unknown as boolean });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isMqError(error, 'MQ_INVALID_CONFIG')).toBe(true);
      expect((error as Error).message).toMatch(/fifo must be true/);
    }
  });

  test('a FIFO provider declares strict order (within a level); a standard one best-effort', () => {
    expect(createSqsProvider({ fifo: true, region: 'us-east-1' }).capabilities.ordering).toBe('strict');
    expect(createSqsProvider({ region: 'us-east-1' }).capabilities.ordering).toBe('best-effort');
  });
});

let n = 0;

// Both emulators implement FIFO queues (groups, deduplication ids, no per-message delay); real time.
for (const kind of ['fauxqs', 'local-aws-sqs'] as const) describe(`fifo option on ${kind}, in real time`, () => {
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
  const fresh = (): string => `${kind === 'fauxqs' ? 'ff' : 'lf'}${process.pid}n${++n}-`;
  async function open(prefix: string, options: Omit<MessageQueueOptions, 'provider'> = {}): Promise<{ queue: MessageQueue; client: SQSClient }> {
    const client = emulatorClient(emulator.endpoint);
    clients.push(client);
    const queue = new MessageQueue({ retry: { jitter: 0 }, ...options, provider: createSqsProvider({ client, prefix, longPollSeconds: 1, fifo: true }) });
    queue.on('error', () => undefined);
    await queue.connect();
    queues.push(queue);
    return { queue, client };
  }

  test('queues are created as .fifo queues (FifoQueue=true), and messages of one level come out in the order they went in', async () => {
    const prefix = fresh();
    const { queue, client } = await open(prefix);
    for (let i = 0; i < 12; i++) await queue.enqueue('jobs', queue.createMessage('t', `one-${i}`));
    await queue.enqueueMany('jobs', Array.from({ length: 12 }, (_, i) => queue.createMessage('t', `many-${i}`)));
    const urls = (await client.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url).toMatch(/\.fifo$/);
      const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['FifoQueue'] }));
      expect(attributes.Attributes?.FifoQueue).toBe('true');
    }
    expect(await queue.listQueues()).toContain('jobs');
    const seen: string[] = [];
    for (;;) {
      const message = await queue.dequeue('jobs');
      if (message === null) break;
      seen.push(message.payload as string);
      await queue.ack(message);
    }
    expect(seen).toEqual([...Array.from({ length: 12 }, (_, i) => `one-${i}`), ...Array.from({ length: 12 }, (_, i) => `many-${i}`)]);
  });

  test('priority levels still drain higher first; within a level, FIFO', async () => {
    const { queue } = await open(fresh());
    for (const [payload, priority] of [['low-1', 2], ['high-1', 9], ['low-2', 2], ['high-2', 9]] as const) await queue.enqueue('jobs', queue.createMessage('t', payload, { priority }));
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const message = await queue.dequeue('jobs');
      if (message === null) throw new Error('expected a message');
      seen.push(message.payload as string);
      await queue.ack(message);
    }
    expect(seen).toEqual(['high-1', 'high-2', 'low-1', 'low-2']);
  });

  test('MessageDeduplicationId is the message id: a producer retry of the same id within SQS\'s window stores one copy', async () => {
    const client = emulatorClient(emulator.endpoint);
    clients.push(client);
    const provider = createSqsProvider({ client, prefix: fresh(), fifo: true });
    await provider.doConnect();
    await provider.doEnqueue('jobs', [{ id: 'same', priority: 5, delayMs: 0, data: 'first' }]);
    await provider.doEnqueue('jobs', [{ id: 'same', priority: 5, delayMs: 0, data: 'retry' }]);
    const taken = await provider.doTake('jobs', { max: 10, leaseMs: 30_000 });
    expect(taken.map((record) => [record.id, record.data])).toEqual([['same', 'first']]);
    await provider.doDisconnect();
  });

  test('a delayed enqueue is refused with MQ_UNSUPPORTED saying why, and nothing of it is stored', async () => {
    const { queue } = await open(fresh());
    const error = await queue.enqueueMany('jobs', [queue.createMessage('t', 'now'), queue.createMessage('t', 'later', { delayMs: 5000 })]).catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(/FIFO queue .* no per-message delay/);
    expect(await queue.dequeue('jobs')).toBeNull();
  });

  // local-aws-sqs 2.0 does not hold a FIFO group while a message of it is in flight (it hands out "b" while "a" waits), so the order cannot be checked there.
  test.skipIf(kind === 'local-aws-sqs')('a retry with backoff is the visibility timeout of the message: it keeps its place (the group waits), its attempts and its last error', async () => {
    const { queue } = await open(fresh(), { retry: { strategy: () => 1000, jitter: 0 } });
    await queue.enqueue('jobs', queue.createMessage('t', 'a', { maxRetries: 3 }));
    await queue.enqueue('jobs', queue.createMessage('t', 'b'));
    const seen: ReceivedMessage[] = [];
    const done = new Promise<void>((resolve) => {
      const subscription = queue.subscribe('jobs', (m) => {
        seen.push(m);
        if (m.payload === 'a' && m.attempts === 1) throw new Error('fail 1');
        if (m.payload === 'b') void subscription.close().then(resolve);
      });
    });
    await done;
    // A re-send would have put "a" behind "b"; the visibility timeout keeps the group's order.
    expect(seen.map((m) => [m.payload, m.attempts])).toEqual([['a', 1], ['a', 2], ['b', 1]]);
    expect(seen[1]?.lastError?.message).toBe('fail 1');
  });

  // On local-aws-sqs 2.0 the replayed FIFO message is not received right after the replay (not investigated yet): fauxqs only.
  test.skipIf(kind === 'local-aws-sqs')('dead letters go to a FIFO dead-letter queue and replay brings them back (fresh deduplication ids, not dropped as copies)', async () => {
    const { queue } = await open(fresh());
    await queue.enqueue('jobs', queue.createMessage('t', 'poison', { maxRetries: 0 }));
    const dead = new Promise<unknown>((resolve) => queue.once('deadLetter', (event) => resolve(event.error)));
    const subscription = queue.subscribe('jobs', () => {
      throw new Error('boom');
    });
    expect(await dead).toMatchObject({ message: 'boom' });
    await subscription.close();
    expect((await queue.replayDeadLetters('jobs')).replayed).toHaveLength(1);
    const back = await queue.dequeue('jobs');
    expect(back).toMatchObject({ payload: 'poison', attempts: 1 });
    if (back !== null) await queue.ack(back);
  });

  test('dead letters of a FIFO queue are listed in the order they failed, and purged by id', async () => {
    const { queue } = await open(fresh());
    const ids: string[] = [];
    for (const p of ['a', 'b', 'c']) {
      const id = await queue.enqueue('jobs', queue.createMessage('t', p, { maxRetries: 0 }));
      const m = await queue.dequeue('jobs');
      expect(m?.id).toBe(id);
      if (m !== null) await queue.nack(m, new Error(`${p} failed`));
      ids.push(id);
    }
    expect((await queue.deadLetters('jobs')).map((d) => [d.id, d.error.message])).toEqual(ids.map((id, i) => [id, `${['a', 'b', 'c'][i] ?? ''} failed`]));
    expect(await queue.purgeDeadLetters('jobs', [ids[1] as string])).toBe(1);
    expect((await queue.deadLetters('jobs')).map((d) => d.id)).toEqual([ids[0], ids[2]]);
  });
});
