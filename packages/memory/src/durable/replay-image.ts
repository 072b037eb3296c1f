import type { DeadRecord } from '@mq/core/provider';
import type { ByteReader } from './byte-reader.js';
import type { RecordImage } from './durable-queue-state.js';
import { OP } from './log-ops.js';
import { keysOf, queueOf, type ReplayTarget } from './replay-target.js';
import { readGroupsImage, readKeysImage, readParkedImage, readRememberedImage } from './side-state-images.js';

function imageQueueName(target: ReplayTarget): string {
  if (target.imageName === undefined) throw new RangeError('snapshot records before their queue');
  return target.imageName;
}

function readRecords(r: ByteReader, target: ReplayTarget): void {
  const queue = queueOf(target, imageQueueName(target));
  const groups = target.imageGroups;
  for (let count = r.u32(); count > 0; count--) {
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
      // An IMAGE_ERROR_TIMES frame after the records sets it.
      lastErrorAt: undefined,
    };
    queue.restore(image, groups?.get(image.id));
  }
}

function readDead(r: ByteReader, target: ReplayTarget): void {
  const queue = queueOf(target, imageQueueName(target));
  const groups = target.imageGroups;
  for (let count = r.u32(); count > 0; count--) {
    const dead: DeadRecord = { id: r.str(), priority: r.u8(), data: r.data(), attempts: r.f64(), error: r.str(), failedAt: r.f64() };
    queue.dead.set(dead.id, dead);
    const groupId = groups?.get(dead.id);
    if (groupId !== undefined) queue.groups.restoreDead(dead.id, groupId);
  }
}

/**
 * Applies one snapshot frame (its code already read) to `target`; false when `code` is not a
 * snapshot frame. IMAGE_QUEUE names the queue the records, groups and keys after it belong to.
 */
export function replayImage(code: number, r: ByteReader, target: ReplayTarget): boolean {
  switch (code) {
    case OP.IMAGE_QUEUE: {
      const name = r.str();
      const queue = queueOf(target, name);
      queue.nextSeq = r.f64();
      queue.completed = r.f64();
      queue.processingMsTotal = r.f64();
      target.imageName = name;
      target.imageGroups = undefined;
      return true;
    }
    case OP.IMAGE_GROUPS:
      imageQueueName(target);
      target.imageGroups = readGroupsImage(r);
      return true;
    case OP.IMAGE_RECORDS:
      readRecords(r, target);
      return true;
    case OP.IMAGE_DEAD:
      readDead(r, target);
      return true;
    case OP.IMAGE_ERROR_TIMES: {
      const queue = queueOf(target, imageQueueName(target));
      for (let count = r.u32(); count > 0; count--) queue.restoreLastErrorAt(r.str(), r.f64());
      return true;
    }
    case OP.IMAGE_PAUSED:
      queueOf(target, imageQueueName(target)).paused = true;
      return true;
    case OP.IMAGE_KEYS:
      readKeysImage(r, keysOf(target, imageQueueName(target)));
      return true;
    case OP.IMAGE_PARKED:
      readParkedImage(r, keysOf(target, imageQueueName(target)));
      return true;
    case OP.IMAGE_REMEMBERED: {
      const name = r.str();
      readRememberedImage(r, (windowMs) => target.idempotency.ring(name, windowMs));
      return true;
    }
    default:
      return false;
  }
}
