import type { MessageQueue, ReceivedMessage } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

type Payload = { g: string; n: number };

/** Enqueues `count` messages of group `g` (undefined: no group), numbered from 0, in one batch. */
async function fill(queue: MessageQueue, g: string | undefined, count: number, priority = 5): Promise<void> {
  const label = g ?? '-';
  const messages = Array.from({ length: count }, (_, n) => queue.createMessage('t', { g: label, n }, g === undefined ? { priority } : { priority, groupId: g }));
  await queue.enqueueMany('q', messages);
}

/** Dequeues until empty; answers "group:n" of each, in order. */
async function drain(queue: MessageQueue): Promise<string[]> {
  const seen: string[] = [];
  for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) {
    const { g, n } = m.payload as Payload;
    seen.push(`${g}:${n}`);
    await queue.ack(m);
  }
  return seen;
}

/**
 * Fair groups (capabilities.groups): within a priority, groups with waiting messages take turns,
 * FIFO within each, messages without a group as one group; groupConcurrency holds across
 * consumers; groups that come and go leave nothing behind.
 */
export function groupCases(h: ContractHarness): void {
  h.it('groups take turns within a priority, FIFO inside each group', { groups: true }, async () => {
    const { queue } = await h.setup();
    await fill(queue, 'A', 4);
    await fill(queue, 'B', 2);
    await fill(queue, 'C', 3);
    expect(await drain(queue)).toEqual(['A:0', 'B:0', 'C:0', 'A:1', 'B:1', 'C:1', 'A:2', 'C:2', 'A:3']);
  });

  h.it('messages without a group take their turn as one group', { groups: true }, async () => {
    const { queue } = await h.setup();
    await fill(queue, undefined, 3);
    await fill(queue, 'A', 3);
    await fill(queue, 'B', 1);
    expect(await drain(queue)).toEqual(['-:0', 'A:0', 'B:0', '-:1', 'A:1', '-:2', 'A:2']);
  });

  h.it('priority comes before the turns of groups', { groups: true }, async () => {
    const { queue } = await h.setup();
    await fill(queue, 'A', 3, 2);
    await fill(queue, 'B', 2, 9);
    await fill(queue, 'A', 1, 9);
    expect(await drain(queue)).toEqual(['B:0', 'A:0', 'B:1', 'A:0', 'A:1', 'A:2']);
  });

  h.it('a flood of 10,000 from one group does not hold back another: its 10 start within the first 20 handler starts', { groups: true }, async () => {
    const { queue } = await h.setup();
    await fill(queue, 'A', 10_000);
    await fill(queue, 'B', 10);
    const starts: string[] = [];
    const subscription = queue.subscribe('q', (m) => {
      starts.push((m.payload as Payload).g);
    }, { concurrency: 1 });
    await h.eventually(() => expect(starts.length).toBeGreaterThanOrEqual(20));
    await subscription.close();
    expect(starts.slice(0, 20).filter((g) => g === 'B')).toHaveLength(10);
  });

  h.it('groupConcurrency limits the messages of one group in flight across four consumers', { groups: true }, async () => {
    const setup = await h.setup();
    const consumers = [setup.queue, await setup.peer(), await setup.peer(), await setup.peer()];
    const groups = ['A', 'B', 'C'];
    for (const g of groups) await fill(setup.queue, g, 12);
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const held: (() => void)[] = [];
    let done = 0;
    const handler = async (message: ReceivedMessage): Promise<void> => {
      const m = message as ReceivedMessage<Payload>;
      const now = (inFlight.get(m.payload.g) ?? 0) + 1;
      inFlight.set(m.payload.g, now);
      most.set(m.payload.g, Math.max(most.get(m.payload.g) ?? 0, now));
      await new Promise<void>((resolve) => held.push(resolve));
      inFlight.set(m.payload.g, (inFlight.get(m.payload.g) ?? 1) - 1);
      done++;
    };
    for (const consumer of consumers) consumer.subscribe('q', handler, { concurrency: 4, groupConcurrency: 2 });
    // Release handlers one at a time once six (2 per group) are running: the limit is reached and must hold.
    while (done < 36) {
      await h.eventually(() => expect(held.length).toBeGreaterThanOrEqual(Math.min(6, 36 - done)));
      held.shift()?.();
      await Promise.resolve();
    }
    expect(Object.fromEntries(most)).toEqual({ A: 2, B: 2, C: 2 });
    await h.eventually(async () => expect((await setup.queue.getStats('q')).completedMessages).toBe(36));
  });

  h.it('a failed message frees its place in the group, and its retry waits in the same group', { groups: true }, async () => {
    const { queue } = await h.setup({ retry: { strategy: () => 0 } });
    await fill(queue, 'A', 2);
    const attempts: string[] = [];
    const subscription = queue.subscribe('q', (m) => {
      const { g, n } = m.payload as Payload;
      attempts.push(`${g}:${n}#${m.attempts}`);
      if (n === 0 && m.attempts === 1) throw new Error('first attempt fails');
    }, { concurrency: 4, groupConcurrency: 1 });
    await h.eventually(async () => expect((await queue.getStats('q')).completedMessages).toBe(2));
    await subscription.close();
    // One at a time (groupConcurrency 1): the failure freed the place, the retry went behind A:1.
    expect(attempts).toEqual(['A:0#1', 'A:1#1', 'A:0#2']);
  });

  h.it('getStats reports the groups with the most waiting messages, largest first', { groups: true }, async () => {
    const { queue } = await h.setup();
    await fill(queue, 'small', 1);
    await fill(queue, 'large', 5);
    await fill(queue, undefined, 7);
    await fill(queue, 'medium', 3);
    expect((await queue.getStats('q', { topGroups: 2 })).groups).toEqual([
      { groupId: 'large', waiting: 5 },
      { groupId: 'medium', waiting: 3 },
    ]);
    expect((await queue.getStats('q', { topGroups: 10 })).groups).toHaveLength(3);
    await drain(queue);
    expect((await queue.getStats('q', { topGroups: 10 })).groups).toEqual([]);
  });

  h.it('a dead letter replayed keeps its group', { groups: true, deadLetters: 'listable' }, async () => {
    const { queue } = await h.setup();
    await queue.enqueue('q', queue.createMessage('t', { g: 'A', n: 0 }, { groupId: 'A', maxRetries: 0 }));
    const first = await queue.dequeue('q');
    await queue.nack(first as ReceivedMessage, new Error('boom'));
    await fill(queue, 'A', 2);
    await queue.replayDeadLetters('q');
    expect((await queue.getStats('q', { topGroups: 10 })).groups).toEqual([{ groupId: 'A', waiting: 3 }]);
  });

  h.it('groups created and emptied at high churn leave nothing behind', { groups: true }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    for (let round = 0; round < 5; round++) {
      await queue.enqueueMany('q', Array.from({ length: 200 }, (_, n) => queue.createMessage('t', { g: `g${round}-${n}`, n }, { groupId: `g${round}-${n % 100}` })));
      const subscription = queue.subscribe('q', () => undefined, { concurrency: 8, groupConcurrency: 1 });
      await h.eventually(async () => expect((await queue.getStats('q')).completedMessages).toBe(200 * (round + 1)));
      await subscription.close();
    }
    expect((await queue.getStats('q', { topGroups: 10 })).groups).toEqual([]);
    expect(await setup.raw('q')).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 0 && c.dead === 0));
    const leftover = await h.options.inspectGroups?.(setup.provider, 'q');
    if (leftover !== undefined) expect(leftover).toEqual([]);
  });
}
