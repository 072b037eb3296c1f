import { isMqError, ManualClock, MessageQueue, type CallOutcome, type Instrumentation, type ProviderCallInfo } from '@mq/core';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it, vi } from 'vitest';
import { openQueue } from '../support/open-queue.js';
import { wrapProvider } from '../support/wrapped-provider.js';

type Seen = ProviderCallInfo & { outcome?: CallOutcome };

function recorder(): { seen: Seen[]; instrumentation: Instrumentation } {
  const seen: Seen[] = [];
  return {
    seen,
    instrumentation: {
      onProviderCall(call) {
        const entry: Seen = { ...call };
        seen.push(entry);
        return (outcome) => void (entry.outcome = outcome);
      },
    },
  };
}

const brief = (s: Seen): unknown[] => [s.operation, s.queueName, s.messageIds, s.outcome?.ok];

describe('onProviderCall', () => {
  it('sees every provider call of a message\'s life, with its queue, ids, start time and outcome', async () => {
    const { seen, instrumentation } = recorder();
    const { queue, clock } = await openQueue({ instrumentation: [instrumentation] });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a', maxRetries: 1 }));
    await queue.enqueueMany('q', [queue.createMessage('t', 2, { id: 'b' }), queue.createMessage('t', 3, { id: 'c' })]);
    const a = await queue.dequeue('q');
    if (a === null) throw new Error('expected a');
    expect(await queue.nack(a, new Error('first'))).toMatchObject({ deadLettered: false });
    const b = await queue.dequeue('q');
    if (b === null) throw new Error('expected b');
    await queue.ack(b);
    const c = await queue.dequeue('q');
    if (c === null) throw new Error('expected c');
    await queue.ack(c);
    await clock.advance(1000);
    const again = await queue.dequeue('q');
    if (again === null) throw new Error('expected a again');
    expect(await queue.nack(again, new Error('second'))).toEqual({ deadLettered: true });
    expect(seen.map(brief)).toEqual([
      ['enqueue', 'q', ['a'], true],
      ['enqueue', 'q', ['b', 'c'], true],
      ['take', 'q', [], true],
      ['nack', 'q', ['a'], true],
      ['take', 'q', [], true],
      ['ack', 'q', ['b'], true],
      ['take', 'q', [], true],
      ['ack', 'q', ['c'], true],
      ['take', 'q', [], true],
      ['deadLetter', 'q', ['a'], true],
    ]);
    expect(seen.map((s) => s.startedAt)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1000, 1000].map((d) => 1_700_000_000_000 + d));
    expect(seen.every((s) => s.outcome?.durationMs === 0)).toBe(true);
    await queue.disconnect();
  });

  it('sees a failing provider call fail, with the error the caller gets', async () => {
    const { seen, instrumentation } = recorder();
    const clock = new ManualClock();
    const { provider } = wrapProvider(new InMemoryProvider({ clock }), {}, { doAck: () => Promise.reject(new Error('disk on fire')) });
    const queue = new MessageQueue({ provider, clock, instrumentation: [instrumentation] });
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'x' }));
    const taken = await queue.dequeue('q');
    if (taken === null) throw new Error('expected x');
    seen.length = 0;
    const error = await queue.ack(taken).catch((e: unknown) => e);
    expect(isMqError(error, 'MQ_PROVIDER_ERROR')).toBe(true);
    expect(seen.map(brief)).toEqual([['ack', 'q', ['x'], false]]);
    expect(seen[0]?.outcome?.error).toBe(error);
    await queue.disconnect();
  });

  it('measures a call\'s duration on the queue\'s clock, and sees the reading calls too', async () => {
    const { seen, instrumentation } = recorder();
    const clock = new ManualClock(1_700_000_000_000);
    const inner = new InMemoryProvider({ clock });
    const slow = wrapProvider(inner, {}, {
      doCount: async (name: string) => {
        await clock.advance(7);
        return inner.doCount(name);
      },
    });
    const reader = new MessageQueue({ provider: slow.provider, clock, instrumentation: [instrumentation] });
    await reader.connect();
    expect(await reader.size('q')).toBe(0);
    expect(seen.map((s) => [s.operation, s.outcome?.durationMs])).toEqual([['count', 7]]);
    await reader.disconnect();
    seen.length = 0;
    const { queue } = await openQueue({ inner, clock, instrumentation: [instrumentation] });
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'm', maxRetries: 0 }));
    await queue.getStats('q');
    await queue.listQueues({ allQueues: true });
    await queue.health();
    const m = await queue.dequeue('q');
    if (m !== null) await queue.nack(m);
    await queue.deadLetters('q');
    await queue.replayDeadLetters('q', ['m']);
    await queue.purge('q');
    await queue.purgeDeadLetters('q');
    await queue.deleteQueue('q');
    expect(seen.map(brief)).toEqual([
      ['enqueue', 'q', ['m'], true],
      ['healthCheck', undefined, [], true],
      ['count', 'q', [], true],
      ['listQueues', undefined, [], true],
      ['healthCheck', undefined, [], true],
      ['take', 'q', [], true],
      ['deadLetter', 'q', ['m'], true],
      ['listDeadLetters', 'q', [], true],
      ['replayDeadLetters', 'q', ['m'], true],
      ['purge', 'q', [], true],
      ['purgeDeadLetters', 'q', [], true],
      ['deleteQueue', 'q', [], true],
    ]);
    await queue.disconnect();
  });

  it('sees a subscription\'s takes, waits and acks', async () => {
    const { seen, instrumentation } = recorder();
    const { queue } = await openQueue({ instrumentation: [instrumentation] });
    const handled: string[] = [];
    const subscription = queue.subscribe('q', (message) => void handled.push(message.id));
    await vi.waitFor(() => expect(seen.map((s) => s.operation)).toContain('waitForWork'));
    await queue.enqueue('q', queue.createMessage('t', 1, { id: 'a' }));
    await vi.waitFor(() => expect(seen.map(brief)).toContainEqual(['ack', 'q', ['a'], true]));
    expect(handled).toEqual(['a']);
    expect(seen.map(brief).slice(0, 2)).toEqual([
      ['take', 'q', [], true],
      ['waitForWork', 'q', [], true],
    ]);
    await subscription.close();
    await queue.disconnect();
  });

  it('is not called for a call refused because the queue is not open', async () => {
    const { seen, instrumentation } = recorder();
    const { queue } = await openQueue({ instrumentation: [instrumentation] });
    await queue.disconnect();
    await expect(queue.size('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
    expect(seen).toEqual([]);
  });
});
