import { isMqError, MessageQueue, type Instrumentation } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';

describe('queue.instrument()', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an array', []],
    ['a function', () => undefined],
    ['an object without hooks', {}],
    ['a hook that is not a function', { onProviderCall: 'yes' }],
    ['an unknown hook', { onProviderCall: () => undefined, onTake: () => undefined }],
  ])('refuses %s with MQ_INVALID_ARGUMENT', async (_title, value) => {
    const { queue } = await openQueue();
    expect(() => queue.instrument(value as Instrumentation)).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT' }));
    await queue.disconnect();
  });

  it('refuses options.instrumentation that is not an array of instrumentations with MQ_INVALID_CONFIG', () => {
    const provider = new InMemoryProvider();
    for (const instrumentation of [{}, [null], [{ aroundHandler: 1 }]]) {
      expect(() => new MessageQueue({ provider, instrumentation: instrumentation as Instrumentation[] })).toThrow(
        expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringMatching(/instrumentation/) }),
      );
    }
  });

  it('returns a function that unregisters it (once: calling it again changes nothing)', async () => {
    const { queue } = await openQueue();
    const calls: string[] = [];
    const first = queue.instrument({ onProviderCall: (call) => void calls.push(`first:${call.operation}`) });
    const second = queue.instrument({ onProviderCall: (call) => void calls.push(`second:${call.operation}`) });
    await queue.size('q');
    first();
    await queue.size('q');
    first();
    await queue.size('q');
    second();
    await queue.size('q');
    expect(calls).toEqual(['first:count', 'second:count', 'second:count', 'second:count']);
    await queue.disconnect();
  });

  it('reports a hook that throws on the error event and does the queue\'s work anyway', async () => {
    const { queue, errors } = await openQueue({
      instrumentation: [
        {
          onProviderCall: () => {
            throw new Error('call hook broke');
          },
          onEnqueue: () => {
            throw new Error('enqueue hook broke');
          },
        },
        {
          onProviderCall: () => () => {
            throw new Error('outcome hook broke');
          },
          onEnqueue: () => () => {
            throw new Error('enqueue outcome hook broke');
          },
        },
      ],
    });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    const handled: string[] = [];
    const subscription = queue.subscribe('q', (message) => void handled.push(message.id));
    await vi.waitFor(async () => expect(await queue.getStats('q')).toMatchObject({ completedMessages: 1 }));
    expect(handled).toEqual(['a']);
    const messages = new Set(errors.map((e) => e.message));
    expect([...messages].sort()).toEqual(['call hook broke', 'enqueue hook broke', 'enqueue outcome hook broke', 'outcome hook broke']);
    expect(errors.every((e) => !isMqError(e, 'MQ_PROVIDER_ERROR'))).toBe(true);
    await subscription.close();
    await queue.disconnect();
  });
});
