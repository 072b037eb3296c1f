import type { DeadRecord, RecordDetails, ScannedRecord, ScanState } from '@mq/core/provider';
import type { MemoryQueueState } from './memory-queue-state.js';
import { ATTEMPTS, AVAILABLE_AT, LEASE_EXPIRES_AT, SLOT_DELAYED, SLOT_LEASED, SLOT_READY } from './record-slots.js';

/** A stored record as the admin seams answer it (doGetRecord, and each record of doScanRecords). */
export type DetailedRecord = ScannedRecord & { readonly state: ScanState; readonly details: RecordDetails };

/** The scan state of a slot's state, or undefined for a free slot. */
export function scanStateOf(slotState: number): ScanState | undefined {
  if (slotState === SLOT_READY) return 'ready';
  if (slotState === SLOT_DELAYED) return 'delayed';
  return slotState === SLOT_LEASED ? 'processing' : undefined;
}

/**
 * The record in `slot` (waiting or leased) with its details as stored; a leased record's availableAt
 * is when it was due.
 */
export function slotRecord(queue: MemoryQueueState, slot: number): DetailedRecord {
  const { slots } = queue.storage;
  const { nums } = slots;
  const state = scanStateOf(slots.state(slot)) as ScanState;
  const details: { -readonly [K in keyof RecordDetails]: RecordDetails[K] } = {
    priority: slots.priority(slot),
    attempts: nums[slots.at(slot, ATTEMPTS)] as number,
    availableAt: nums[slots.at(slot, AVAILABLE_AT)] as number,
  };
  if (state === 'processing') details.leaseExpiresAt = nums[slots.at(slot, LEASE_EXPIRES_AT)] as number;
  const lastError = slots.lastError(slot);
  if (lastError !== undefined) details.lastError = lastError;
  const lastErrorAt = slots.lastErrorAt(slot);
  if (lastErrorAt !== undefined) details.lastErrorAt = lastErrorAt;
  const groupId = queue.groups.groupOfSlot(slot);
  if (groupId !== undefined) details.groupId = groupId;
  return { id: slots.id(slot) as string, data: slots.data(slot), state, details };
}

/** A dead letter with its details: the error it died with and when (also its availableAt). */
export function deadRecordDetails(queue: MemoryQueueState, record: DeadRecord): DetailedRecord {
  const groupId = queue.groups.deadGroupOf(record.id);
  const details: RecordDetails = {
    priority: record.priority,
    attempts: record.attempts,
    availableAt: record.failedAt,
    error: record.error,
    failedAt: record.failedAt,
    ...(groupId === undefined ? {} : { groupId }),
  };
  return { id: record.id, data: record.data, state: 'dead', details };
}
