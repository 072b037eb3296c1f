import type { TakenRecord } from '@mq/core/provider';
import { ATTEMPTS, AVAILABLE_AT, LEASE_EXPIRES_AT, LEASE_GENERATION, LEASE_MS, SLOT_LEASED, type RecordSlots } from './record-slots.js';

/** Leases a ready slot under `token` (one more attempt) and answers it as a TakenRecord; the caller adds it to its lease lanes. */
export function leaseSlot(slots: RecordSlots, slot: number, priority: number, now: number, leaseMs: number, token: string): TakenRecord {
  const { nums } = slots;
  const attempts = (nums[slots.at(slot, ATTEMPTS)] as number) + 1;
  slots.setState(slot, SLOT_LEASED);
  nums[slots.at(slot, ATTEMPTS)] = attempts;
  nums[slots.at(slot, LEASE_EXPIRES_AT)] = now + leaseMs;
  nums[slots.at(slot, LEASE_MS)] = leaseMs;
  nums[slots.at(slot, LEASE_GENERATION)] = ((nums[slots.at(slot, LEASE_GENERATION)] as number) + 1) | 0;
  slots.setToken(slot, token);
  const record: { -readonly [K in keyof TakenRecord]: TakenRecord[K] } = {
    id: slots.id(slot) as string,
    priority,
    data: slots.data(slot),
    attempts,
    availableAt: nums[slots.at(slot, AVAILABLE_AT)] as number,
    leaseToken: token,
    leaseExpiresAt: now + leaseMs,
  };
  const lastError = slots.lastError(slot);
  if (lastError !== undefined) record.lastError = lastError;
  return record;
}
