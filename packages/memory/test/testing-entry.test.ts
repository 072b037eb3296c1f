import { InMemoryProvider } from '@mq/memory';
import { inspectMemoryQueue } from '@mq/memory/testing';
import { expect, it } from 'vitest';

it('reads a queue\'s store directly, from @mq/memory/testing (not from the public API)', async () => {
  const provider = new InMemoryProvider();
  expect('inspect' in provider).toBe(false);
  expect(inspectMemoryQueue(provider, 'q')).toBeUndefined();
  await provider.doEnqueue('q', ['a', 'b', 'c'].map((id) => ({ id, priority: 5, delayMs: 0, data: id })));
  const [taken] = await provider.doTake('q', { max: 1, leaseMs: 1000 });
  await provider.doDeadLetter('q', { id: 'a', leaseToken: taken?.leaseToken ?? '' }, 'x');
  await provider.doTake('q', { max: 1, leaseMs: 1000 });
  expect(inspectMemoryQueue(provider, 'q')).toEqual({ waiting: 1, leased: 1, dead: 1 });
  expect(() => inspectMemoryQueue({} as never, 'q')).toThrow(expect.objectContaining({ code: 'MQ_INVALID_ARGUMENT' }));
});
