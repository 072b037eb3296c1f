import { ValidationError, type RecordData } from '@mq/core/provider';
import { queueStatesOf } from './queue-states.js';
import { SLOT_DELAYED, SLOT_FREE, SLOT_READY } from './record-slots.js';

export interface StoredMemoryRecord {
  readonly id: string;
  readonly state: 'ready' | 'delayed' | 'leased' | 'dead';
  /** The data exactly as the store holds it (what the core wrote). */
  readonly data: RecordData;
}

/**
 * The back door for tests that check what is stored: every record of `queueName` (waiting, leased
 * and dead) with its data as held, read straight from the store; [] for a queue it does not hold.
 */
export function storedMemoryRecords(provider: object, queueName: string): StoredMemoryRecord[] {
  const queues = queueStatesOf(provider);
  if (queues === undefined) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'storedMemoryRecords() reads providers of @mq/memory only (InMemoryProvider, createLimitedProvider()).', { field: 'provider' });
  }
  const queue = queues.get(queueName);
  if (queue === undefined) return [];
  const { slots } = queue.storage;
  const out: StoredMemoryRecord[] = [];
  for (let slot = 0; slot < slots.capacity; slot++) {
    const state = slots.state(slot);
    if (state === SLOT_FREE) continue;
    out.push({ id: slots.id(slot) as string, state: state === SLOT_READY ? 'ready' : state === SLOT_DELAYED ? 'delayed' : 'leased', data: slots.data(slot) });
  }
  for (const dead of queue.dead.values()) out.push({ id: dead.id, state: 'dead', data: dead.data });
  return out;
}
