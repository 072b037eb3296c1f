import type { DeadRecord, EnqueueRecord } from '@mq/core/provider';
import { ByteReader } from './byte-reader.js';
import { DurableQueueState, RESTORED_TOKEN, type RecordImage } from './durable-queue-state.js';
import { OP } from './log-ops.js';
import { ackSlot, deadLetterSlot, purgeDead, reviveDead } from './queue-actions.js';
import { deleteMemoryRecords, promoteMemoryRecords, setMemoryPriority } from '../memory-admin-actions.js';

/** The queues being rebuilt, and the queue the snapshot frames that follow belong to. */
export interface ReplayTarget {
  readonly queues: Map<string, DurableQueueState>;
  imageQueue?: DurableQueueState;
}

const restoredToken = (): string => RESTORED_TOKEN;

function queueOf(target: ReplayTarget, name: string): DurableQueueState {
  let queue = target.queues.get(name);
  if (queue === undefined) {
    queue = new DurableQueueState();
    target.queues.set(name, queue);
  }
  return queue;
}

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

function replaySnapshotFrame(code: number, r: ByteReader, target: ReplayTarget): void {
  const queue = target.imageQueue;
  if (queue === undefined) throw new RangeError('snapshot records before their queue');
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    if (code === OP.IMAGE_RECORDS) {
      const image: RecordImage = {
        id: r.str(),
        data: r.data(),
        priority: r.u8(),
        state: r.u8(),
        availableAt: r.f64(),
        seq: r.f64(),
        attempts: r.f64(),
        leaseExpiresAt: r.f64(),
        leaseMs: r.f64(),
        lastError: r.optStr(),
        lastErrorAt: undefined,
      };
      queue.restore(image);
    } else if (code === OP.IMAGE_ERROR_TIMES) {
      queue.restoreLastErrorAt(r.str(), r.f64());
    } else {
      const dead: DeadRecord = { id: r.str(), priority: r.u8(), data: r.data(), attempts: r.f64(), error: r.str(), failedAt: r.f64() };
      queue.dead.set(dead.id, dead);
    }
  }
}

/**
 * Applies one frame (payload bytes start..end of `buffer`) to `target`, doing what the provider
 * did when it wrote it. Throws (RangeError) when the frame does not fit the state rebuilt so far.
 * Returns true for the frame that ends a snapshot.
 */
export function replayOp(buffer: Buffer, start: number, end: number, target: ReplayTarget): boolean {
  const r = new ByteReader(buffer, start, end);
  const code = r.u8();
  if (code === OP.IMAGE_RECORDS || code === OP.IMAGE_DEAD || code === OP.IMAGE_ERROR_TIMES) {
    replaySnapshotFrame(code, r, target);
    return false;
  }
  if (code === OP.IMAGE_END) return true;
  if (code === OP.IMAGE_PAUSED) {
    if (target.imageQueue === undefined) throw new RangeError('a snapshot pause mark before its queue');
    target.imageQueue.paused = true;
    return false;
  }
  const name = r.str();
  const queue = queueOf(target, name);
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
    case OP.TAKE: {
      const now = r.f64();
      const max = r.f64();
      queue.take(max, now, r.f64(), restoredToken);
      break;
    }
    case OP.SETTLE:
      queue.settle(r.f64());
      break;
    case OP.ACK: {
      const id = r.str();
      ackSlot(queue, leased(queue, id), r.f64());
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
      deadLetterSlot(queue, slot, id, r.str(), now, refund);
      break;
    }
    case OP.REVIVE: {
      const now = r.f64();
      reviveDead(queue, readIds(r), now);
      break;
    }
    case OP.PURGE_DEAD: {
      const all = r.u8() === 1;
      const ids = readIds(r);
      purgeDead(queue, all ? undefined : ids);
      break;
    }
    case OP.PURGE:
      queue.clear();
      break;
    case OP.ADMIN_DELETE: {
      const now = r.f64();
      deleteMemoryRecords(queue, readIds(r), undefined, now);
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
    case OP.DELETE:
      target.queues.delete(name);
      break;
    case OP.IMAGE_QUEUE:
      queue.nextSeq = r.f64();
      queue.completed = r.f64();
      queue.processingMsTotal = r.f64();
      target.imageQueue = queue;
      break;
    default:
      throw new RangeError(`unknown operation code ${code}`);
  }
  queue.settled = false;
  return false;
}
