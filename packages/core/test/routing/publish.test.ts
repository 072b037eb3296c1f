import { createPayloadPipeline, ManualClock, MessageQueue, StageFailure, type PayloadStage } from '@mq/core';
import type { RoutedEnqueue, RoutedEnqueueOptions, RoutedEnqueueResult } from '@mq/core/provider';
import { InMemoryProvider } from '@mq/memory';
import { describe, expect, it } from 'vitest';

async function connected(provider = new InMemoryProvider({ clock: new ManualClock() })) {
  const clock = new ManualClock();
  const queue = new MessageQueue({ provider, clock, retry: { baseDelayMs: 1000, factor: 1 } });
  await queue.connect();
  return { queue, clock, provider };
}

describe('publish() on the in-memory provider', () => {
  it('fans one message out to three queues: each copy its own message, with its own id, retries and dead letter, sharing a correlationId', async () => {
    const providerClock = new ManualClock();
    const { queue } = await connected(new InMemoryProvider({ clock: providerClock }));
    await queue.bind({ pattern: 'conversation.*.closed', queue: 'analytics' });
    await queue.bind({ pattern: 'conversation.#', queue: 'agents' });
    await queue.bind({ pattern: '#.closed', queue: 'notifications' });
    await queue.bind({ pattern: 'billing.#', queue: 'billing' });
    const message = queue.createMessage('closed', { conversationId: 'c42' }, { id: 'evt-1', maxRetries: 1, userId: 'user42' });
    const { messageIds, routedTo } = await queue.publish('conversation.user42.closed', message);
    expect(routedTo).toEqual(['agents', 'analytics', 'notifications']);
    expect(messageIds).toEqual(['evt-1:agents', 'evt-1:analytics', 'evt-1:notifications']);

    const analytics = await queue.dequeue('analytics');
    const agents = await queue.dequeue('agents');
    const notifications = await queue.dequeue('notifications');
    for (const copy of [analytics, agents, notifications]) {
      expect(copy).toMatchObject({ type: 'closed', payload: { conversationId: 'c42' }, attempts: 1, metadata: { correlationId: 'evt-1', userId: 'user42' } });
    }
    // analytics completes at once; agents fails once then completes; notifications fails twice and is dead-lettered.
    await queue.ack(analytics!);
    expect(await queue.nack(agents!, new Error('agent busy'))).toMatchObject({ deadLettered: false, retryInMs: 1000 });
    expect(await queue.nack(notifications!, new Error('smtp down'))).toMatchObject({ deadLettered: false });
    await providerClock.advance(1000);
    const agentsAgain = await queue.dequeue('agents');
    const notificationsAgain = await queue.dequeue('notifications');
    expect(agentsAgain).toMatchObject({ id: 'evt-1:agents', attempts: 2, lastError: { message: 'agent busy' } });
    await queue.ack(agentsAgain!);
    expect(await queue.nack(notificationsAgain!, new Error('smtp down'))).toMatchObject({ deadLettered: true });

    expect(await queue.deadLetters('notifications')).toMatchObject([{ id: 'evt-1:notifications', metadata: { correlationId: 'evt-1' } }]);
    expect(await queue.deadLetters('agents')).toEqual([]);
    expect(await queue.deadLetters('analytics')).toEqual([]);
    expect((await queue.getStats('analytics')).completedMessages).toBe(1);
    expect((await queue.getStats('agents')).completedMessages).toBe(1);
    expect(await queue.size('billing')).toBe(0);
    expect(await queue.listQueues()).toEqual(['agents', 'analytics', 'notifications']);
    await queue.disconnect();
  });

  it('sends a message that matches several bindings of one queue to it once', async () => {
    const { queue } = await connected();
    await queue.bind({ pattern: 'a.#', queue: 'audit' });
    await queue.bind({ pattern: 'a.b', queue: 'audit' });
    await queue.bind({ pattern: '#', queue: 'audit', where: { type: 't' } });
    expect(await queue.publish('a.b', queue.createMessage('t', 1))).toMatchObject({ routedTo: ['audit'] });
    expect(await queue.size('audit')).toBe(1);
    await queue.disconnect();
  });

  it('routes by where filters on metadata and payload', async () => {
    const { queue } = await connected();
    await queue.bind({ pattern: 'conversation.#', queue: 'audit', where: { 'metadata.userId': { prefix: 'vip-' }, 'payload.score': { gt: 5 } } });
    await queue.bind({ pattern: 'conversation.#', queue: 'everything' });
    const publish = (userId: string, score: number) => queue.publish('conversation.x.closed', queue.createMessage('closed', { score }, { userId }));
    expect((await publish('vip-1', 9)).routedTo).toEqual(['audit', 'everything']);
    expect((await publish('vip-1', 5)).routedTo).toEqual(['everything']);
    expect((await publish('std-1', 9)).routedTo).toEqual(['everything']);
    await queue.disconnect();
  });

  it('mandatory: MQ_UNROUTABLE and nothing stored; otherwise routedTo [] and the count in stats', async () => {
    const { queue } = await connected();
    await queue.bind({ pattern: 'orders.*', queue: 'orders', where: { 'payload.total': { gte: 10 } } });
    const small = queue.createMessage('created', { total: 1 }, { id: 'o-1' });
    await expect(queue.publish('orders.created', small, { mandatory: true })).rejects.toThrow(
      expect.objectContaining({ code: 'MQ_UNROUTABLE', details: { topic: 'orders.created', messageId: 'o-1' }, message: expect.stringContaining('"orders.created"') }),
    );
    expect(await queue.listQueues({ allQueues: true })).toEqual([]);
    expect((await queue.getStats()).unroutableMessages).toBeUndefined();
    expect(await queue.publish('orders.created', small)).toEqual({ messageIds: [], routedTo: [] });
    expect(await queue.publish('shipping.created', small)).toEqual({ messageIds: [], routedTo: [] });
    expect(await queue.listQueues({ allQueues: true })).toEqual([]);
    expect((await queue.getStats()).unroutableMessages).toBe(2);
    expect(await queue.publish('orders.created', queue.createMessage('created', { total: 10 }), { mandatory: true })).toMatchObject({ routedTo: ['orders'] });
    await queue.disconnect();
  });

  it('a publish retried with the same message id completes the missing copies without duplicating the others', async () => {
    const { queue } = await connected();
    for (const q of ['a', 'b', 'c']) await queue.bind({ pattern: 'evt.#', queue: q });
    const message = queue.createMessage('t', 1, { id: 'evt-7' });
    // As if a first attempt had stored only b's copy before failing.
    await queue.enqueue('b', { ...message, id: 'evt-7:b', metadata: { ...message.metadata, correlationId: 'evt-7' } });
    expect(await queue.publish('evt.x', message)).toEqual({ messageIds: ['evt-7:a', 'evt-7:b', 'evt-7:c'], routedTo: ['a', 'b', 'c'] });
    expect(await queue.publish('evt.x', message)).toMatchObject({ routedTo: ['a', 'b', 'c'] });
    for (const q of ['a', 'b', 'c']) expect(await queue.size(q), q).toBe(1);
    await queue.disconnect();
  });

  it('bind is idempotent, unbind removes exactly that binding, listBindings lists them sorted', async () => {
    const { queue } = await connected();
    await queue.bind({ pattern: 'b.*', queue: 'q2' });
    await queue.bind({ pattern: 'a.#', queue: 'q1', where: { 'payload.x': 1, type: 't' } });
    await queue.bind({ pattern: 'a.#', queue: 'q1', where: { type: 't', 'payload.x': 1 } });
    expect(await queue.listBindings()).toEqual([
      { pattern: 'a.#', queue: 'q1', where: { 'payload.x': 1, type: 't' } },
      { pattern: 'b.*', queue: 'q2' },
    ]);
    expect(await queue.unbind({ pattern: 'a.#', queue: 'q1' })).toBe(false);
    expect(await queue.unbind({ pattern: 'a.#', queue: 'q1', where: { type: 't', 'payload.x': 1 } })).toBe(true);
    expect(await queue.listBindings()).toEqual([{ pattern: 'b.*', queue: 'q2' }]);
    expect(await queue.publish('a.x', queue.createMessage('t', { x: 1 }))).toMatchObject({ routedTo: [] });
    await queue.disconnect();
  });

  it('two queues on one provider route alike: a binding made by one is used by the other at its next publish', async () => {
    const provider = new InMemoryProvider({ clock: new ManualClock() });
    const { queue: first } = await connected(provider);
    const { queue: second } = await connected(provider);
    expect(await second.publish('x.y', second.createMessage('t', 1))).toMatchObject({ routedTo: [] });
    await first.bind({ pattern: 'x.*', queue: 'xs' });
    expect(await second.publish('x.y', second.createMessage('t', 1))).toMatchObject({ routedTo: ['xs'] });
    await first.unbind({ pattern: 'x.*', queue: 'xs' });
    expect(await second.publish('x.y', second.createMessage('t', 1))).toMatchObject({ routedTo: [] });
    await Promise.all([first.disconnect(), second.disconnect()]);
  });

  it('a publish that finds the bindings changed under it stores nothing, re-reads them and routes again', async () => {
    class RacingProvider extends InMemoryProvider {
      readonly versions: number[] = [];
      raced = false;
      override async doEnqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
        this.versions.push(options.bindingsVersion);
        // Another instance binds between this instance's read of the bindings and its store.
        if (!this.raced) {
          this.raced = true;
          await this.doSaveBinding({ id: 'other', data: JSON.stringify({ pattern: '#', queue: 'late' }) });
        }
        return super.doEnqueueRouted(targets, options);
      }
    }
    const provider = new RacingProvider();
    const { queue } = await connected(provider);
    await queue.bind({ pattern: 'a', queue: 'early' });
    expect(await queue.publish('a', queue.createMessage('t', 1))).toMatchObject({ routedTo: ['early', 'late'] });
    expect(provider.versions).toEqual([1, 2]);
    expect(await queue.size('early')).toBe(1);
    await queue.disconnect();
  });

  it('copies whose id would be longer than 128 characters get a hashed id, the same on every publish', async () => {
    const { queue } = await connected();
    const long = 'q'.repeat(120);
    await queue.bind({ pattern: 'a', queue: long });
    const message = queue.createMessage('t', 1, { id: 'i'.repeat(100) });
    const { messageIds } = await queue.publish('a', message);
    expect(messageIds[0]).toMatch(/^i{100}:[0-9a-f]{16}$/);
    expect((await queue.publish('a', message)).messageIds).toEqual(messageIds);
    expect(await queue.size(long)).toBe(1);
    await queue.disconnect();
  });

  it('emits enqueued for each copy', async () => {
    const { queue } = await connected();
    await queue.bind({ pattern: '#', queue: 'a' });
    await queue.bind({ pattern: '#', queue: 'b' });
    const seen: string[] = [];
    queue.on('enqueued', (e) => seen.push(`${e.queueName}/${e.message.id}`));
    await queue.publish('x', queue.createMessage('t', 1, { id: 'm' }));
    expect(seen).toEqual(['a/m:a', 'b/m:b']);
    await queue.disconnect();
  });

  it('without payload stages the payload is serialised once: every copy hands the provider the same data string', async () => {
    const provider = new RecordingProvider();
    const { queue } = await connected(provider);
    for (const name of ['a', 'b', 'c']) await queue.bind({ pattern: '#', queue: name });
    await queue.publish('x', queue.createMessage('t', { n: 1 }, { id: 'm', userId: 'u1' }));
    const records = (provider.calls[0] as readonly RoutedEnqueue[]).map((t) => t.records[0]);
    expect(records.map((r) => r?.id)).toEqual(['m:a', 'm:b', 'm:c']);
    expect(records[1]?.data).toBe(records[0]?.data);
    expect(records[2]?.data).toBe(records[0]?.data);
    for (const name of ['a', 'b', 'c']) expect(await queue.dequeue(name)).toMatchObject({ id: `m:${name}`, payload: { n: 1 }, metadata: { userId: 'u1', correlationId: 'm' } });
    await queue.disconnect();
  });

  it('with a stage that binds queue name and message id (as encryption AAD does), each copy is encoded for its own queue and id', async () => {
    const provider = new RecordingProvider();
    const clock = new ManualClock();
    const queue = new MessageQueue({ provider, clock, pipeline: createPayloadPipeline({ stages: [boundStage()] }) });
    await queue.connect();
    for (const name of ['a', 'b']) await queue.bind({ pattern: '#', queue: name });
    await queue.publish('x', queue.createMessage('t', { n: 2 }, { id: 'm' }));
    const records = (provider.calls[0] as readonly RoutedEnqueue[]).map((t) => t.records[0]);
    expect(records[1]?.data).not.toEqual(records[0]?.data);
    expect(await queue.dequeue('a')).toMatchObject({ id: 'm:a', payload: { n: 2 } });
    expect(await queue.dequeue('b')).toMatchObject({ id: 'm:b', payload: { n: 2 } });
    await queue.disconnect();
  });
});

/** Keeps the targets of every doEnqueueRouted call. */
class RecordingProvider extends InMemoryProvider {
  readonly calls: (readonly RoutedEnqueue[])[] = [];
  override doEnqueueRouted(targets: readonly RoutedEnqueue[], options: RoutedEnqueueOptions): Promise<RoutedEnqueueResult> {
    if (targets.length > 0) this.calls.push(targets);
    return super.doEnqueueRouted(targets, options);
  }
}

/** Writes `<queue>/<id>` in front of the body and refuses to decode it anywhere else (an AAD check, without the cipher). */
function boundStage(): PayloadStage {
  const bytes = (text: string) => new TextEncoder().encode(`${text}\n`);
  return {
    name: 'bound',
    encode: (body, { queueName, messageId }) => {
      const tag = bytes(`${queueName}/${messageId}`);
      const out = new Uint8Array(tag.length + body.length);
      out.set(tag);
      out.set(body, tag.length);
      return { body: out, params: '' };
    },
    decode: (body, _params, { queueName, messageId }) => {
      const tag = bytes(`${queueName}/${messageId}`);
      if (!tag.every((b, i) => body[i] === b)) throw new StageFailure('auth-failed', 'written for another queue or id');
      return body.subarray(tag.length);
    },
  };
}
