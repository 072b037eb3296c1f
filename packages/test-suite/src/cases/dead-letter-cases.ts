import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import type { ContractSetup } from '../contract-harness.js';

async function exhaust(setup: ContractSetup, queueName: string, payload: unknown, maxRetries: number): Promise<string> {
  const { queue, clock } = setup;
  const id = await queue.enqueue(queueName, queue.createMessage('t', payload, { maxRetries }));
  for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
    const message = await queue.dequeue(queueName);
    if (message === null) throw new Error(`attempt ${attempt}: expected a message`);
    const result = await queue.nack(message, new Error(`failure ${attempt}`));
    await clock.advance(result.retryInMs ?? 0);
  }
  return id;
}

/** Retries used up: a deadLetter event and a stored, listable, replayable, purgeable dead letter. */
export function deadLetterCases(h: ContractHarness): void {
  h.it('emits deadLetter with { queueName, message, error } and stores the message', { deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const event = h.nextEvent(setup.queue, 'deadLetter');
    const id = await exhaust(setup, 'q', { n: 1 }, 3);
    const [{ queueName, message, error }] = await event;
    expect(queueName).toBe('q');
    expect(message).toMatchObject({ id, attempts: 4, payload: { n: 1 }, error: { message: 'failure 4' } });
    expect(error.message).toBe('failure 4');
    const stored = await setup.queue.deadLetters('q');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id, queueName: 'q', attempts: 4, payload: { n: 1 }, maxRetries: 3, error: { name: 'Error', message: 'failure 4' } });
    expect(stored[0]?.failedAt).toBe(setup.clock.now());
    expect(await setup.queue.dequeue('q')).toBeNull();
    expect(await setup.raw('q')).toSatisfy((c) => c === undefined || (c.dead === 1 && c.waiting === 0 && c.leased === 0));
  });

  h.it('dead-letters after the first failure when maxRetries is 0', { deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    await exhaust(setup, 'q', 'x', 0);
    expect((await setup.queue.deadLetters('q'))[0]?.attempts).toBe(1);
  });

  h.it('replays dead letters with attempts reset, all or by id', { deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const a = await exhaust(setup, 'q', 'a', 0);
    const b = await exhaust(setup, 'q', 'b', 0);
    expect(await setup.queue.replayDeadLetters('q', [b, 'missing-id'])).toEqual({ replayed: [b], notFound: ['missing-id'] });
    const again = await setup.queue.dequeue('q');
    expect(again).toMatchObject({ id: b, attempts: 1, payload: 'b' });
    expect(await setup.queue.replayDeadLetters('q')).toEqual({ replayed: [a], notFound: [] });
    expect((await setup.queue.dequeue('q'))?.id).toBe(a);
    expect(await setup.queue.deadLetters('q')).toEqual([]);
  });

  h.it('lists dead letters oldest first with offset and limit', { deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const ids = [];
    for (const p of ['a', 'b', 'c']) ids.push(await exhaust(setup, 'q', p, 0));
    expect((await setup.queue.deadLetters('q')).map((d) => d.id)).toEqual(ids);
    expect((await setup.queue.deadLetters('q', { offset: 1, limit: 1 })).map((d) => d.id)).toEqual([ids[1]]);
  });

  h.it('purges dead letters, all or by id', { deadLetters: 'listable' }, async () => {
    const setup = await h.setup();
    const a = await exhaust(setup, 'q', 'a', 0);
    await exhaust(setup, 'q', 'b', 0);
    expect(await setup.queue.purgeDeadLetters('q', [a])).toBe(1);
    expect(await setup.queue.deadLetters('q')).toHaveLength(1);
    expect(await setup.queue.purgeDeadLetters('q')).toBe(1);
    expect(await setup.queue.deadLetters('q')).toEqual([]);
    expect((await setup.queue.getStats('q')).failedMessages).toBe(0);
  });

  unlistedDeadLetterCases(h);
}

/** deadLetters 'none': the store keeps them but cannot list or pick them; the core says so and acts on all of them. */
export function unlistedDeadLetterCases(h: ContractHarness): void {
  h.it('refuses to list dead letters, or replay or purge some by id, and replays or purges all of them', { deadLetters: 'none' }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const event = h.nextEvent(queue, 'deadLetter');
    const id = await exhaust(setup, 'q', 'x', 0);
    expect((await event)[0].message.id).toBe(id);
    for (const refused of [queue.deadLetters('q'), queue.replayDeadLetters('q', [id]), queue.purgeDeadLetters('q', [id])]) {
      await expect(refused).rejects.toMatchObject({ code: 'MQ_UNSUPPORTED', details: { provider: queue.providerName, capability: 'deadLetters' } });
    }
    expect(await queue.dequeue('q')).toBeNull();
    expect(await queue.replayDeadLetters('q')).toEqual({ replayed: [id], notFound: [] });
    const again = await queue.dequeue('q');
    expect(again).toMatchObject({ id, attempts: 1, payload: 'x' });
    if (again === null) throw new Error('expected a message');
    await queue.nack(again);
    expect(await queue.purgeDeadLetters('q')).toBe(1);
    expect(await queue.replayDeadLetters('q')).toEqual({ replayed: [], notFound: [] });
  });
}
