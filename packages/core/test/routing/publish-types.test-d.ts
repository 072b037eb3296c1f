import { createMessageQueue, type PublishResult, type QueueBinding } from '@mq/core';
import { describe, expectTypeOf, it } from 'vitest';

interface Queues {
  analytics: { event: string; at: number };
  audit: { event: string; at: number; userId: string };
  invoices: { total: number };
}

describe('typed routing with a payload map', () => {
  const queue = createMessageQueue<Queues>();

  it('bind takes only queues of the map', () => {
    expectTypeOf(queue.bind({ pattern: 'conversation.#', queue: 'audit', where: { 'payload.at': { gt: 5 } } })).toEqualTypeOf<Promise<void>>();
    // @ts-expect-error not a queue of the map
    void queue.bind({ pattern: 'a.#', queue: 'unknown_queue' });
    expectTypeOf(queue.listBindings()).toEqualTypeOf<Promise<QueueBinding<'analytics' | 'audit' | 'invoices'>[]>>();
  });

  it('publish checks the payload against the union of the queues a publish may reach', () => {
    expectTypeOf(queue.publish('conversation.x.closed', queue.createMessage('closed', { event: 'closed', at: 1 }))).toEqualTypeOf<Promise<PublishResult<'analytics' | 'audit' | 'invoices'>>>();
    void queue.publish('invoice.paid', queue.createMessage('paid', { total: 5 }));
    // @ts-expect-error fits no queue of the map
    void queue.publish('x', queue.createMessage('x', { nothing: true }));
  });

  it('naming the queues a topic is bound to narrows the check to their payloads', () => {
    void queue.publish<'analytics' | 'audit'>('conversation.x.closed', queue.createMessage('closed', { event: 'closed', at: 1 }));
    // @ts-expect-error an invoice payload fits neither analytics nor audit
    void queue.publish<'analytics' | 'audit'>('conversation.x.closed', queue.createMessage('paid', { total: 5 }));
    expectTypeOf(queue.publish<'audit'>('a', queue.createMessage('c', { event: 'e', at: 1, userId: 'u' }))).resolves.toHaveProperty('routedTo').toEqualTypeOf<'audit'[]>();
  });

  it('where filters are typed: an unknown operator value is a compile error', () => {
    // @ts-expect-error gt takes a number
    void queue.bind({ pattern: 'a', queue: 'audit', where: { 'payload.at': { gt: 'x' } } });
  });
});
