import { isMqError, type MqErrorCode } from '@mq/core';
import { createInMemoryQueue } from '@mq/memory';
import { describe, expect, it } from 'vitest';

const queue = createInMemoryQueue();

function expectCode(fn: () => unknown, code: MqErrorCode, mentions: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(isMqError(thrown, code), `expected ${code}, got ${String(thrown)}`).toBe(true);
  expect((thrown as Error).message).toMatch(mentions);
}

describe('createMessage() refuses bad input with a coded error that says what is allowed', () => {
  it.each([0, 11, 2.5, 'high', Number.NaN, -1, Infinity, null])('priority %s', (priority) => {
    expectCode(() => queue.createMessage('t', {}, { priority: priority as number }), 'MQ_INVALID_PRIORITY', /integer from 1 to 10/);
  });

  it.each([-1, Number.NaN, Infinity, -Infinity, '100'])('delayMs %s', (delayMs) => {
    expectCode(() => queue.createMessage('t', {}, { delayMs: delayMs as number }), 'MQ_INVALID_DELAY', />= 0/);
  });

  it.each([-1, 1.5, Number.NaN, '3'])('maxRetries %s', (maxRetries) => {
    expectCode(() => queue.createMessage('t', {}, { maxRetries: maxRetries as number }), 'MQ_INVALID_MAX_RETRIES', /integer from 0/);
  });

  it('a function, a BigInt, a symbol, a cycle, NaN or undefined as payload', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    const bad: [unknown, RegExp][] = [
      [() => 1, /payload is a function/],
      [{ nested: { fn: () => 1 } }, /payload\.nested\.fn is a function/],
      [10n, /BigInt/],
      [{ list: [1, 2n] }, /payload\.list\[1\] is a BigInt/],
      [Symbol('s'), /symbol/],
      [cycle, /circular/],
      [{ n: Number.NaN }, /NaN/],
      [undefined, /payload is undefined/],
    ];
    for (const [payload, mentions] of bad) expectCode(() => queue.createMessage('t', payload), 'MQ_INVALID_PAYLOAD', mentions);
  });

  it('accepts shared (non-circular) references, Dates and null', () => {
    const shared = { x: 1 };
    expect(() => queue.createMessage('t', { a: shared, b: shared, at: new Date(), none: null })).not.toThrow();
  });

  it('unknown options, non-string metadata and headers, bad ids and types', () => {
    expectCode(() => queue.createMessage('t', {}, { prio: 5 } as never), 'MQ_INVALID_ARGUMENT', /Unknown message option "prio"/);
    expectCode(() => queue.createMessage('t', {}, { userId: 42 } as never), 'MQ_INVALID_ARGUMENT', /userId/);
    expectCode(() => queue.createMessage('t', {}, { headers: { a: 1 } } as never), 'MQ_INVALID_ARGUMENT', /header "a"/);
    expectCode(() => queue.createMessage('t', {}, { id: 'has space' }), 'MQ_INVALID_MESSAGE', /message id/);
    expectCode(() => queue.createMessage('', {}), 'MQ_INVALID_MESSAGE', /message type/);
    expectCode(() => queue.createMessage('t', {}, 'fast' as never), 'MQ_INVALID_ARGUMENT', /options/);
  });

  it('treats options left out or undefined as defaults', () => {
    const message = queue.createMessage('t', {}, { priority: undefined, maxRetries: undefined, delayMs: undefined, userId: undefined });
    expect(message).toMatchObject({ priority: 5, maxRetries: 3, delayMs: 0, attempts: 0, metadata: { headers: {} } });
    expect(message.metadata).not.toHaveProperty('userId');
  });
});

describe('queue names', () => {
  it.each(['', 'a'.repeat(129), 'has space', 'a{b}', 'star*', 'slash/', 'ünï', 42, null])('refuses %s', async (name) => {
    const q = createInMemoryQueue();
    await q.connect();
    await expect(q.enqueue(name as string, q.createMessage('t', 1))).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    await expect(q.dequeue(name as string)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_QUEUE_NAME'));
    expect(() => q.subscribe(name as string, () => undefined)).toThrow(/A-Z a-z 0-9 _ \. : -/);
    await q.disconnect();
  });

  it('accepts the spec names and 128 characters of the allowed set', async () => {
    const q = createInMemoryQueue();
    await q.connect();
    for (const name of ['chat_messages', 'a.b:c-d_E9', 'x'.repeat(128)]) await q.enqueue(name, q.createMessage('t', 1));
    expect((await q.getStats()).totalMessages).toBe(3);
    await q.disconnect();
  });
});

describe('enqueue re-checks messages changed after createMessage()', () => {
  it('refuses a tampered message and stores nothing', async () => {
    const q = createInMemoryQueue();
    await q.connect();
    const message = q.createMessage('t', { ok: true });
    await expect(q.enqueue('q', { ...message, priority: 0 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_PRIORITY'));
    await expect(q.enqueue('q', { ...message, delayMs: -5 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_DELAY'));
    await expect(q.enqueue('q', { ...message, payload: () => 1 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_PAYLOAD'));
    await expect(q.enqueue('q', { ...message, maxRetries: -1 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_MAX_RETRIES'));
    await expect(q.enqueue('q', 'not a message' as never)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_MESSAGE'));
    await expect(q.enqueueMany('q', 'nope' as never)).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    expect(await q.size('q')).toBe(0);
    await q.disconnect();
  });

  it('refuses bad subscribe and dequeue options', async () => {
    const q = createInMemoryQueue();
    await q.connect();
    expect(() => q.subscribe('q', () => undefined, { concurrency: 0 })).toThrow(/concurrency/);
    expect(() => q.subscribe('q', () => undefined, { timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => q.subscribe('q', 'handler' as never)).toThrow(/handler function/);
    await expect(q.dequeue('q', { visibilityTimeoutMs: 0 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    await expect(q.deadLetters('q', { limit: 5000 })).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_ARGUMENT'));
    await expect(q.replayDeadLetters('q', ['bad id'])).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_MESSAGE'));
    await q.disconnect();
  });

  it('refuses bad queue options at creation', () => {
    expect(() => createInMemoryQueue({ visibilityTimeoutMs: 0 })).toThrow(/visibilityTimeoutMs/);
    expect(() => createInMemoryQueue({ retry: { factor: 0 } })).toThrow(/retry\.factor/);
    expect(() => createInMemoryQueue({ retry: { jitter: 2 } })).toThrow(/retry\.jitter/);
  });
});
