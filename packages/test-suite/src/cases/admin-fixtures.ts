import type { MessageInfo, MessageQueue, MessageState } from '@mq/core';
import { expect } from 'vitest';
import type { ContractSetup } from '../contract-harness.js';

/** What the admin cases (admin-cases.ts, admin-action-cases.ts) set up and walk with. */
export const LEASE_MS = 30_000;
export const LATER_MS = 60_000;

/** Every message a full walk of `state` lists, pages of `limit`; `between` runs after each page. */
export async function listAll(queue: MessageQueue, queueName: string, state: MessageState, limit: number, between?: () => Promise<void>): Promise<MessageInfo[]> {
  const items: MessageInfo[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await queue.listMessages(queueName, { state, limit, ...(cursor === undefined ? {} : { cursor }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
    await between?.();
  }
  throw new Error('the walk did not end');
}

/** Stores `ids` as dead letters of `queueName` (priority 10 so nothing else is taken first): one failed attempt each. */
export async function deadLetter(setup: ContractSetup, queueName: string, ids: readonly string[], error = 'gave up'): Promise<void> {
  const { queue } = setup;
  await queue.enqueueMany(queueName, ids.map((id) => queue.createMessage('t', { id }, { id, priority: 10, maxRetries: 0 })));
  for (const id of ids) {
    const message = await queue.dequeue(queueName, { visibilityTimeoutMs: LEASE_MS });
    expect(message?.id).toBe(id);
    if (message !== null) expect((await queue.nack(message, new Error(error))).deadLettered).toBe(true);
  }
}

/** Leases `ids` (priority 10, taken at once) and keeps them in flight. */
export async function holdLeases(setup: ContractSetup, queueName: string, ids: readonly string[]): Promise<void> {
  const { queue } = setup;
  await queue.enqueueMany(queueName, ids.map((id) => queue.createMessage('t', { id }, { id, priority: 10 })));
  for (const id of ids) expect((await queue.dequeue(queueName, { visibilityTimeoutMs: LEASE_MS }))?.id).toBe(id);
}

export const ids = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
export const sorted = (items: readonly { id: string }[] | readonly string[]): string[] => items.map((m) => (typeof m === 'string' ? m : m.id)).sort();

