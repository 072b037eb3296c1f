import { AsyncLocalStorage } from 'node:async_hooks';
import type { Instrumentation } from '@mq/core';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';

function logging(name: string, log: string[]): Instrumentation {
  return {
    async aroundHandler(info, run) {
      log.push(`${name}:before:${info.queueName}:${info.message.id}`);
      try {
        await run();
        log.push(`${name}:after`);
      } catch (error) {
        log.push(`${name}:failed:${(error as Error).message}`);
        throw error;
      }
    },
  };
}

describe('aroundHandler', () => {
  it('wraps every handler run, the first registered outermost', async () => {
    const log: string[] = [];
    const { queue } = await openQueue({ instrumentation: [logging('outer', log)] });
    queue.instrument(logging('inner', log));
    await queue.enqueue('q', queue.createMessage('t', 'ok', { id: 'a' }));
    await queue.enqueue('q', queue.createMessage('t', 'bad', { id: 'b' }));
    const subscription = queue.subscribe('q', (message) => {
      log.push(`handler:${message.id}`);
      if (message.payload === 'bad') throw new Error('boom');
    });
    await vi.waitFor(() => expect(log).toHaveLength(10));
    expect(log).toEqual([
      'outer:before:q:a',
      'inner:before:q:a',
      'handler:a',
      'inner:after',
      'outer:after',
      'outer:before:q:b',
      'inner:before:q:b',
      'handler:b',
      'inner:failed:boom',
      'outer:failed:boom',
    ]);
    // The handler's outcome settles the message: a acked, b nacked for a retry.
    await vi.waitFor(async () => expect(await queue.getStats('q')).toMatchObject({ completedMessages: 1, pendingMessages: 1 }));
    await subscription.close();
    await queue.disconnect();
  });

  it('runs the handler inside the hook\'s context (AsyncLocalStorage)', async () => {
    const storage = new AsyncLocalStorage<{ traceId: string }>();
    const { queue } = await openQueue({
      instrumentation: [{ aroundHandler: (info, run) => storage.run({ traceId: `trace-${info.message.id}` }, run) }],
    });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    const seen: unknown[] = [];
    const subscription = queue.subscribe('q', async () => {
      seen.push(storage.getStore()?.traceId);
      await Promise.resolve();
      seen.push(storage.getStore()?.traceId);
    });
    await vi.waitFor(() => expect(seen).toEqual(['trace-a', 'trace-a']));
    await subscription.close();
    await queue.disconnect();
  });

  it('keeps the handler\'s outcome whatever a hook does: throwing, swallowing, or not calling run()', async () => {
    const { queue, errors } = await openQueue({
      instrumentation: [
        { aroundHandler: () => Promise.reject(new Error('hook broke before run')) },
        { aroundHandler: (_info, run) => run().catch(() => undefined) },
        { aroundHandler: async () => undefined },
        {
          async aroundHandler(_info, run) {
            await run().catch(() => undefined);
            throw new Error('hook broke after run');
          },
        },
      ],
    });
    await queue.enqueue('q', queue.createMessage('t', 'ok', { id: 'a' }));
    await queue.enqueue('q', queue.createMessage('t', 'bad', { id: 'b', maxRetries: 0 }));
    const runs: string[] = [];
    const subscription = queue.subscribe('q', (message) => {
      runs.push(message.id);
      if (message.payload === 'bad') throw new Error('handler failed');
    });
    await vi.waitFor(async () => expect(await queue.getStats('q')).toMatchObject({ completedMessages: 1, failedMessages: 1 }));
    expect(runs).toEqual(['a', 'b']);
    expect((await queue.deadLetters('q')).map((d) => [d.id, d.error.message])).toEqual([['b', 'handler failed']]);
    const messages = errors.map((e) => e.message);
    expect(messages.filter((m) => m === 'hook broke before run')).toHaveLength(2);
    expect(messages.filter((m) => m === 'hook broke after run')).toHaveLength(2);
    expect(messages.filter((m) => /without calling run\(\)/.test(m))).toHaveLength(2);
    await subscription.close();
    await queue.disconnect();
  });

  it('costs nothing without hooks: a handler that throws synchronously fails its attempt', async () => {
    const { queue } = await openQueue();
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', maxRetries: 0 }));
    const subscription = queue.subscribe('q', () => {
      throw new Error('sync');
    });
    await vi.waitFor(async () => expect((await queue.deadLetters('q')).map((d) => d.error.message)).toEqual(['sync']));
    await subscription.close();
    await queue.disconnect();
  });
});
