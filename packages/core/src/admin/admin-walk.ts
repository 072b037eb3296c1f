import { ValidationError } from '../errors/validation-error.js';
import type { MessageSerializer } from '../message/message-serializer.js';
import type { ProviderGateway } from '../queue/provider-gateway.js';
import { matchesFilter } from './match-filter.js';
import type { MessageFilter, MessageInfo, MessageState } from './message-info.js';
import { toMessageInfo } from './to-message-info.js';

const PAGE = 100;

export interface WalkResult {
  readonly items: MessageInfo[];
  /** '' when every state was walked through. */
  readonly cursor: string;
  readonly scanned: number;
}

/**
 * Walks the queue's records of `states` (in that order) with the scan seam, keeping those that
 * match `filter`, until `limit` matches or `scanLimit` records were looked at. The cursor is
 * `<state index>:<provider cursor>`; like the seam's, it stays valid while the queue changes (a
 * record that moves between states during the walk may be seen twice or not at all).
 */
export async function walkRecords(gateway: ProviderGateway, serializer: MessageSerializer, queueName: string, states: readonly MessageState[], filter: MessageFilter, limits: { limit: number; scanLimit: number; cursor: string; operation: string }): Promise<WalkResult> {
  let [index, cursor] = parseCursor(limits.cursor, states.length);
  const items: MessageInfo[] = [];
  let scanned = 0;
  while (index < states.length && items.length < limits.limit && scanned < limits.scanLimit) {
    const state = states[index] as MessageState;
    const limit = Math.max(1, Math.min(PAGE, limits.limit - items.length, limits.scanLimit - scanned));
    const page = await gateway.admin('scanRecords', limits.operation, queueName, undefined, (p) => (p.doScanRecords as NonNullable<typeof p.doScanRecords>).call(p, queueName, { state, cursor, limit }));
    scanned += page.records.length;
    for (const record of page.records) {
      const info = await toMessageInfo(serializer, queueName, state, record);
      if (matchesFilter(info, filter)) items.push(info);
    }
    cursor = page.nextCursor;
    if (cursor === '') index++;
  }
  return { items, cursor: index >= states.length ? '' : `${index}:${cursor}`, scanned };
}

function parseCursor(given: string, states: number): [number, string] {
  if (given === '') return [0, ''];
  const colon = given.indexOf(':');
  const index = Number(given.slice(0, colon));
  if (colon < 1 || !Number.isInteger(index) || index < 0 || index >= states) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'Invalid cursor: pass the nextCursor of the previous page with the same filter and state, or leave it out to start.', { field: 'cursor' });
  }
  return [index, given.slice(colon + 1)];
}
