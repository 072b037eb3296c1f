import type { ActionOutcome, RecordDetails, ScannedRecord, ScanOptions, ScanPage, ScanState } from '@mq/core/provider';
import * as admin from './admin-script-calls.js';
import { parseScanCursor, toOutcomes, toRecordWithState, toScanPage } from './admin-replies.js';
import type { RedisProviderParts } from './redis-provider-parts.js';

/**
 * The admin seams on Redis (docs/observability.md, "Admin API"): browse with details, one record,
 * delete, promote, priority and pause, one script call each (src/lua: scan-records, get-record,
 * delete-records, promote-records, set-priority, set-paused). Pausing is a field of the queue's
 * counters hash that take.lua, check-work.lua and count.lua read, so every process sees it.
 */
export class RedisAdmin {
  constructor(private readonly parts: RedisProviderParts) {}

  scan(queueName: string, options: ScanOptions): Promise<ScanPage> {
    const { parts } = this;
    const [cursor, after] = parseScanCursor(options.cursor);
    return parts.queues.op('scanRecords', queueName, async (q) => toScanPage(await parts.run(admin.scanRecordsCall(q, options.state, cursor, after, Math.max(1, options.limit))), options.state));
  }

  get(queueName: string, id: string): Promise<(ScannedRecord & { state: ScanState; details: RecordDetails }) | null> {
    const { parts } = this;
    return parts.queues.op('getRecord', queueName, async (q) => toRecordWithState(await parts.run(admin.getRecordCall(q, id)), id));
  }

  delete(queueName: string, ids: readonly string[]): Promise<ActionOutcome[]> {
    const { parts } = this;
    if (ids.length === 0) return Promise.resolve([]);
    return parts.queues.op('deleteRecords', queueName, async (q) => toOutcomes(await parts.run(admin.deleteRecordsCall(q, parts.clock.now(), ids)), 'delete-records', ids.length));
  }

  promote(queueName: string, ids: readonly string[], nowMs?: number): Promise<ActionOutcome[]> {
    const { parts } = this;
    if (ids.length === 0) return Promise.resolve([]);
    const now = nowMs ?? parts.clock.now();
    return parts.queues.op('promoteRecords', queueName, async (q) => toOutcomes(await parts.run(admin.promoteRecordsCall(q, now, ids)), 'promote-records', ids.length));
  }

  setPriority(queueName: string, ids: readonly string[], priority: number): Promise<ActionOutcome[]> {
    const { parts } = this;
    if (ids.length === 0) return Promise.resolve([]);
    return parts.queues.op('setPriority', queueName, async (q) => toOutcomes(await parts.run(admin.setPriorityCall(q, priority, ids)), 'set-priority', ids.length));
  }

  async setPaused(queueName: string, paused: boolean): Promise<void> {
    const { parts } = this;
    await parts.queues.op('setPaused', queueName, (q) => parts.run(admin.setPausedCall(q, paused)));
  }
}
