import type { ManualClock, MessageQueue, ReceivedMessage } from '@mq/core';
import { expect } from 'vitest';
import { MODEL_LEASE_MS, type QueueCommand } from './queue-commands.js';
import { QueueModel, type ModelMessage } from './queue-model.js';

export interface RunOptions {
  /** The provider moves due records when it counts (memory does; Redis counts without moving). */
  readonly countSettles: boolean;
  /**
   * Called after each step with its index; a queue it returns replaces the running one (a restart
   * of the process: the messages held by the old one's consumers are gone with them).
   */
  readonly afterStep?: (queue: MessageQueue, step: number) => Promise<MessageQueue | undefined>;
}

interface Held {
  readonly message: ReceivedMessage;
  readonly gen: number;
}

const Q = 'q';

/**
 * Runs `commands` against `queue` (on `clock`) and the reference model side by side, checking
 * every answer; then drains the queue and checks that nothing was lost.
 */
export async function runQueueCommands(first: MessageQueue, clock: ManualClock, commands: readonly QueueCommand[], options: RunOptions): Promise<void> {
  let queue = first;
  const model = new QueueModel();
  const held: Held[] = [];
  let next = 0;
  const get = (id: string): ModelMessage => {
    const m = model.messages.get(id);
    if (m === undefined) throw new Error(`the queue returned ${id}, which was never enqueued`);
    return m;
  };

  const take = async (): Promise<ReceivedMessage | null> => {
    const actual = await queue.dequeue(Q);
    const now = clock.now();
    if (model.paused) {
      expect(actual?.id ?? null, 'a paused queue hands out nothing').toBeNull();
      return actual;
    }
    model.settle(now);
    let deadIds: Set<string> | undefined;
    for (;;) {
      const group = model.frontGroup();
      if (group === undefined) {
        expect(actual?.id ?? null, 'the model has nothing ready').toBeNull();
        return actual;
      }
      const over = group.filter((id) => QueueModel.outOfAttempts(get(id)));
      if (actual !== null && group.includes(actual.id) && !over.includes(actual.id)) {
        // Out-of-attempts members the provider met before this one were dead-lettered on the way.
        deadIds ??= new Set((await queue.deadLetters(Q, { limit: 1000 })).map((d) => d.id));
        for (const id of over.filter((x) => deadIds?.has(x))) {
          get(id).state = 'dead';
          model.removeFromFront(id);
        }
        const m = get(actual.id);
        model.removeFromFront(actual.id);
        model.lease(m, now);
        expect(actual.attempts, `attempts of ${actual.id}`).toBe(m.attempts);
        expect(actual.priority).toBe(m.priority);
        return actual;
      }
      expect(over, `take returned ${actual?.id ?? 'null'}; the model expected one of [${group.join(', ')}]`).toEqual(group);
      for (const id of group) {
        get(id).state = 'dead';
        model.removeFromFront(id);
      }
    }
  };

  const settleHeld = async (pick: number, ack: boolean): Promise<void> => {
    if (held.length === 0) return;
    const [h] = held.splice(pick % held.length, 1) as [Held];
    const m = model.messages.get(h.message.id);
    const now = clock.now();
    if (!model.holds(m, h.gen, now)) {
      await expect(ack ? queue.ack(h.message) : queue.nack(h.message), `${ack ? 'ack' : 'nack'} of ${h.message.id} after its lease was lost`).rejects.toMatchObject({
        code: 'MQ_LEASE_LOST',
      });
    } else if (ack) {
      await queue.ack(h.message);
      m.state = 'done';
      model.completed++;
    } else {
      const result = await queue.nack(h.message);
      const outcome = model.fail(m, now);
      expect(result).toEqual(outcome === 'dead' ? { deadLettered: true } : { deadLettered: false, retryInMs: outcome });
    }
  };

  const checkStats = async (): Promise<void> => {
    const stats = await queue.getStats(Q);
    const c = model.counts(clock.now());
    expect({
      ready: stats.readyMessages,
      delayed: stats.delayedMessages,
      processing: stats.processingMessages,
      dead: stats.failedMessages,
      completed: stats.completedMessages,
    }).toEqual(c);
    if (model.paused) expect(stats.paused).toBe(true);
    if (options.countSettles) model.settle(clock.now());
  };

  for (const [step, command] of commands.entries()) {
    switch (command.kind) {
      case 'enqueue': {
        const id = `m${String(next++).padStart(3, '0')}`;
        const { priority, delayMs, maxRetries } = command;
        await queue.enqueue(Q, queue.createMessage('t', id, { id, priority, delayMs, maxRetries }));
        model.enqueue(id, priority, delayMs, maxRetries, clock.now());
        break;
      }
      case 'take': {
        const message = await take();
        if (message !== null) held.push({ message, gen: get(message.id).gen });
        break;
      }
      case 'ack':
      case 'nack':
        await settleHeld(command.pick, command.kind === 'ack');
        break;
      case 'advance':
        await clock.advance(command.ms);
        break;
      case 'crash':
        // The consumer dies holding the message: nobody settles it, its lease runs out.
        if (held.length > 0) held.splice(command.pick % held.length, 1);
        await clock.advance(MODEL_LEASE_MS + 1);
        break;
      case 'purge':
        expect(await queue.purge(Q)).toBe(model.purge());
        break;
      case 'stats':
        await checkStats();
        break;
      case 'delete':
      case 'promote':
      case 'priority': {
        // The admin actions settle first (memory-admin-actions.ts); the model does the same.
        const id = `m${String(command.pick % Math.max(1, next)).padStart(3, '0')}`;
        const report = await (command.kind === 'delete' ? queue.deleteMessages(Q, { ids: [id] }) : command.kind === 'promote' ? queue.promoteMessages(Q, { ids: [id] }) : queue.changePriority(Q, { ids: [id] }, command.priority));
        model.settle(clock.now());
        const m = model.messages.get(id);
        const expected = command.kind === 'delete' ? model.delete(m) : command.kind === 'promote' ? model.promote(m, clock.now()) : model.setPriority(m, command.priority);
        expect(report.results, `${command.kind} of ${id}`).toEqual([{ id, outcome: expected }]);
        break;
      }
      case 'pause':
        await (command.paused ? queue.pauseQueue(Q) : queue.resumeQueue(Q));
        model.paused = command.paused;
        break;
    }
    const restarted = await options.afterStep?.(queue, step);
    if (restarted !== undefined) {
      queue = restarted;
      held.length = 0;
    }
  }

  // Nothing lost: once everything is due, a drain delivers every message still in the queue.
  if (model.paused) {
    await queue.resumeQueue(Q);
    model.paused = false;
  }
  await clock.advance(100_000);
  for (let i = 0; i <= commands.length; i++) {
    const message = await take();
    if (message === null) break;
    await queue.ack(message);
    get(message.id).state = 'done';
    model.completed++;
  }
  await checkStats();
  for (const m of model.messages.values()) expect(['done', 'dead', 'purged'], `final state of ${m.id}`).toContain(m.state);
  const dead = [...model.messages.values()].filter((m) => m.state === 'dead').map((m) => m.id);
  expect((await queue.deadLetters(Q, { limit: 1000 })).map((d) => d.id).sort()).toEqual(dead.sort());
}
