import type { EnqueueRecord } from '@mq/core/provider';
import { releaseParked } from '../debounce-parking.js';
import { enqueueDeduplicated } from '../enqueue-deduplicated.js';
import { deleteMemoryRecords, promoteMemoryRecords, setMemoryPriority } from '../memory-admin-actions.js';
import { purgeMemoryDeadLetters, replayMemoryDeadLetters } from '../memory-dead-letters.js';
import { ByteReader } from './byte-reader.js';
import { type DurableQueueState, RESTORED_TOKEN } from './durable-queue-state.js';
import { OP } from './log-ops.js';
import { ackSlot, deadLetterSlot, purgeQueue, rewriteData } from './queue-actions.js';
import { replayImage } from './replay-image.js';
import { keysOf, queueOf, type ReplayTarget } from './replay-target.js';
import { readKeyedRecord } from './side-state-images.js';

const restoredToken = (): string => RESTORED_TOKEN;

function leased(queue: DurableQueueState, id: string): number {
  const slot = queue.leasedSlot(id);
  if (slot < 0) throw new RangeError(`the log settles message ${JSON.stringify(id)}, which is not leased at that point`);
  return slot;
}

function readIds(r: ByteReader): string[] {
  const ids = new Array<string>(r.u32());
  for (let i = 0; i < ids.length; i++) ids[i] = r.str();
  return ids;
}

/** ENQUEUE_KEYED: the records with their groups and keys, stored as the provider stored them. */
function replayKeyedEnqueue(r: ByteReader, target: ReplayTarget, name: string, queue: DurableQueueState): void {
  const now = r.f64();
  const records = new Array<EnqueueRecord>(r.u32());
  let keyed = false;
  for (let i = 0; i < records.length; i++) {
    const record = readKeyedRecord(r);
    if (record.deduplication !== undefined) keyed = true;
    records[i] = record;
  }
  if (keyed) enqueueDeduplicated(queue, keysOf(target, name), records, now);
  else for (const record of records) queue.add(record, now);
}

/** The ops that do not need the queue's records (settings and windows outlive a queue's state). */
function replayQueueless(code: number, r: ByteReader, target: ReplayTarget, name: string): boolean {
  if (code === OP.IMAGE_SETTINGS) {
    target.declared.set(name, { partitions: r.f64() });
  } else if (code === OP.REMEMBER) {
    const now = r.f64();
    target.idempotency.ring(name, r.f64());
    target.idempotency.remember(name, readIds(r), now);
  } else if (code === OP.DELETE) {
    target.queues.delete(name);
    target.keys.delete(name);
    target.declared.delete(name);
    target.idempotency.forget(name);
  } else {
    return false;
  }
  return true;
}

/**
 * Applies one frame (payload bytes start..end of `buffer`) to `target`, doing what the provider
 * did when it wrote it. Throws (RangeError) when the frame does not fit the state rebuilt so far.
 * Returns true for the frame that ends a snapshot.
 */
export function replayOp(buffer: Buffer, start: number, end: number, target: ReplayTarget): boolean {
  const r = new ByteReader(buffer, start, end);
  const code = r.u8();
  if (code === OP.IMAGE_END) return true;
  if (replayImage(code, r, target)) return false;
  const name = r.str();
  if (replayQueueless(code, r, target, name)) return false;
  const queue = queueOf(target, name);
  const keys = target.keys.get(name);
  switch (code) {
    case OP.QUEUE:
      break;
    case OP.ENQUEUE: {
      const now = r.f64();
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const record: EnqueueRecord = { id: r.str(), priority: r.u8(), delayMs: r.f64(), data: r.data() };
        queue.add(record, now);
      }
      break;
    }
    case OP.ENQUEUE_KEYED:
      replayKeyedEnqueue(r, target, name, queue);
      break;
    case OP.TAKE: {
      const now = r.f64();
      const max = r.f64();
      queue.take(max, now, r.f64(), restoredToken);
      break;
    }
    case OP.TAKE_GROUPED: {
      const now = r.f64();
      const max = r.f64();
      const leaseMs = r.f64();
      queue.take(max, now, leaseMs, restoredToken, r.f64());
      break;
    }
    case OP.SETTLE:
      queue.settle(r.f64());
      break;
    case OP.ACK: {
      const id = r.str();
      target.unparking = ackSlot(queue, keys, leased(queue, id), id, r.f64()).parked;
      break;
    }
    case OP.RELEASE: {
      const slot = leased(queue, r.str());
      const now = r.f64();
      const delayMs = r.f64();
      const refund = r.u8() === 1;
      queue.release(slot, now, delayMs, r.optStr(), refund);
      break;
    }
    case OP.DEAD: {
      const id = r.str();
      const slot = leased(queue, id);
      const now = r.f64();
      const refund = r.u8() === 1;
      target.unparking = deadLetterSlot(queue, keys, slot, id, r.str(), now, refund).parked;
      break;
    }
    case OP.UNPARK: {
      const id = r.str();
      const parked = target.unparking;
      if (parked?.record.id !== id) throw new RangeError(`the log releases message ${JSON.stringify(id)}, which is not held back at that point`);
      target.unparking = undefined;
      releaseParked(queue, parked, r.f64());
      break;
    }
    case OP.REVIVE: {
      const now = r.f64();
      replayMemoryDeadLetters(queue, readIds(r), keys, now);
      break;
    }
    case OP.PURGE_DEAD: {
      const all = r.u8() === 1;
      const ids = readIds(r);
      purgeMemoryDeadLetters(queue, all ? undefined : ids, keys);
      break;
    }
    case OP.PURGE:
      purgeQueue(queue, keys);
      break;
    case OP.REWRITE: {
      const id = r.str();
      rewriteData(queue, id, r.data());
      break;
    }
    case OP.ADMIN_DELETE: {
      // The queue's keys, as the provider passed them: a deleted record no longer holds its key.
      const now = r.f64();
      deleteMemoryRecords(queue, readIds(r), keys, now);
      break;
    }
    case OP.ADMIN_PROMOTE: {
      const now = r.f64();
      promoteMemoryRecords(queue, readIds(r), now);
      break;
    }
    case OP.ADMIN_PRIORITY: {
      const now = r.f64();
      const priority = r.u8();
      setMemoryPriority(queue, readIds(r), priority, now);
      break;
    }
    case OP.PAUSED:
      queue.paused = r.u8() === 1;
      break;
    default:
      throw new RangeError(`unknown operation code ${code}`);
  }
  queue.settled = false;
  return false;
}
