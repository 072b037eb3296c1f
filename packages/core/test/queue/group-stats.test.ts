import { ManualClock, MessageQueue } from '@mq/core';
import { createLimitedProvider } from '@mq/memory/testing';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

const code = (c: string, field: string) => expect.objectContaining({ code: c, details: expect.objectContaining({ field }) });

describe('getStats(queueName, { topGroups })', () => {
  it('reports the largest groups only when asked, and checks the option', async () => {
    const queue = new MessageQueue({ provider: new InMemoryProvider(), clock: new ManualClock() });
    await queue.connect();
    await queue.enqueueMany('q', [
      queue.createMessage('t', 1, { groupId: 'a' }),
      queue.createMessage('t', 2, { groupId: 'b' }),
      queue.createMessage('t', 3, { groupId: 'b' }),
      queue.createMessage('t', 4),
    ]);
    expect(await queue.getStats('q')).not.toHaveProperty('groups');
    expect((await queue.getStats('q', { topGroups: 1 })).groups).toEqual([{ groupId: 'b', waiting: 2 }]);
    for (const topGroups of [0, 1001, 1.5, '3']) await expect(queue.getStats('q', { topGroups: topGroups as never })).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'topGroups'));
    await expect(queue.getStats('q', { top: 3 } as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'top'));
    await expect(queue.getStats('q', 3 as never)).rejects.toThrow(code('MQ_INVALID_ARGUMENT', 'options'));
    await queue.disconnect();
  });

  it('leaves groups out on a provider without capabilities.groups', async () => {
    const queue = new MessageQueue({ provider: createLimitedProvider(), clock: new ManualClock() });
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 1));
    expect(await queue.getStats('q', { topGroups: 5 })).not.toHaveProperty('groups');
    await queue.disconnect();
  });
});
