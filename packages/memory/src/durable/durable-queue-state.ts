import type { RecordData } from '@mq/core/provider';
import type { IntFifo } from '../int-fifo.js';
import { MemoryQueueState } from '../memory-queue-state.js';
import {
  ATTEMPTS,
  AVAILABLE_AT,
  ID_HASH,
  LEASE_EXPIRES_AT,
  LEASE_GENERATION,
  LEASE_MS,
  SEQ,
  SLOT_DELAYED,
  SLOT_LEASED,
  SLOT_READY,
} from '../record-slots.js';

/** The lease token of a lease restored from disk: its holder was a process that is gone, so nobody can ack with it. */
export const RESTORED_TOKEN = '~restored';

/** One stored record as a snapshot keeps it. */
export interface RecordImage {
  id: string;
  data: RecordData;
  priority: number;
  /** SLOT_READY, SLOT_DELAYED or SLOT_LEASED. */
  state: number;
  availableAt: number;
  seq: number;
  attempts: number;
  leaseExpiresAt: number;
  leaseMs: number;
  lastError: string | undefined;
  /** When lastError was stored (snapshots: an IMAGE_ERROR_TIMES frame after the records). */
  lastErrorAt: number | undefined;
}

/**
 * A MemoryQueueState that can be written to a snapshot and read back exactly (order within a
 * priority, due times, leases, sequence numbers), and that tells the durable provider when a read
 * (take, count) moved due or expired records, so the log can replay that move at the same instant.
 */
export class DurableQueueState extends MemoryQueueState {
  /** Set when settle() moved records; the provider logs it and clears it. */
  settled = false;

  override settle(now: number): void {
    const ready = this.readyCount;
    super.settle(now);
    if (this.readyCount !== ready) this.settled = true;
  }

  /** The next sequence number (a snapshot keeps it so replayed releases number on from it). */
  get nextSeq(): number {
    return this.seq;
  }

  set nextSeq(value: number) {
    this.seq = value;
  }

  /**
   * Every waiting and leased record: ready ones in take order, then delayed, then leased by expiry.
   * A generator, so a snapshot of a large queue is written in slices (the state must not change meanwhile).
   */
  *images(): Generator<RecordImage> {
    for (let p = 9; p >= 0; p--) {
      const bucket = this.buckets[p] as IntFifo;
      for (let i = 0; i < bucket.size; i++) yield this.image(bucket.at(i));
    }
    const rest: RecordImage[] = [];
    for (let slot = 0; slot < this.slots.capacity; slot++) {
      const state = this.slots.state(slot);
      if (state === SLOT_DELAYED || state === SLOT_LEASED) rest.push(this.image(slot));
    }
    rest.sort((a, b) => a.state - b.state || a.leaseExpiresAt - b.leaseExpiresAt || a.seq - b.seq);
    yield* rest;
  }

  /** Puts a record back as images() gave it (call in images() order). */
  restore(image: RecordImage): void {
    const slots = this.slots;
    const slot = slots.alloc(image.id, image.data, image.priority);
    // Read after alloc(): a slot past the columns' capacity replaces `nums` with a larger array.
    const { nums } = slots;
    const hash = this.hashOf(image.id);
    nums[slots.at(slot, ID_HASH)] = hash;
    nums[slots.at(slot, AVAILABLE_AT)] = image.availableAt;
    nums[slots.at(slot, SEQ)] = image.seq;
    nums[slots.at(slot, ATTEMPTS)] = image.attempts;
    if (image.lastError !== undefined) slots.setLastError(slot, image.lastError, image.lastErrorAt);
    this.index.add(hash, slot);
    if (image.state === SLOT_READY) {
      slots.setState(slot, SLOT_READY);
      (this.buckets[image.priority - 1] as IntFifo).push(slot);
      this.readyCount++;
    } else if (image.state === SLOT_DELAYED) {
      slots.setState(slot, SLOT_DELAYED);
      this.delayed.push(slot);
    } else {
      slots.setState(slot, SLOT_LEASED);
      nums[slots.at(slot, LEASE_EXPIRES_AT)] = image.leaseExpiresAt;
      nums[slots.at(slot, LEASE_MS)] = image.leaseMs;
      nums[slots.at(slot, LEASE_GENERATION)] = 1;
      slots.setToken(slot, RESTORED_TOKEN);
      this.leased.add(slot);
    }
  }

  /** Sets the last error time of restored record `id` (an IMAGE_ERROR_TIMES frame); throws when it is not stored. */
  restoreLastErrorAt(id: string, at: number): void {
    const slot = this.slotOf(id);
    const lastError = slot < 0 ? undefined : this.slots.lastError(slot);
    if (lastError === undefined) throw new RangeError(`a last error time for ${JSON.stringify(id)}, which has no last error`);
    this.slots.setLastError(slot, lastError, at);
  }

  private image(slot: number): RecordImage {
    const slots = this.slots;
    const { nums } = slots;
    // Lease fields mean something only while leased (a reused slot keeps its last occupant's).
    const leased = slots.state(slot) === SLOT_LEASED;
    return {
      id: slots.id(slot) as string,
      data: slots.data(slot),
      priority: slots.priority(slot),
      state: slots.state(slot),
      availableAt: nums[slots.at(slot, AVAILABLE_AT)] as number,
      seq: nums[slots.at(slot, SEQ)] as number,
      attempts: nums[slots.at(slot, ATTEMPTS)] as number,
      leaseExpiresAt: leased ? (nums[slots.at(slot, LEASE_EXPIRES_AT)] as number) : 0,
      leaseMs: leased ? (nums[slots.at(slot, LEASE_MS)] as number) : 0,
      lastError: slots.lastError(slot),
      lastErrorAt: slots.lastErrorAt(slot),
    };
  }
}
