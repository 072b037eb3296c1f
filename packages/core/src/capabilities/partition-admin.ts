import type { ActionOutcome, RecordDetails, ScannedRecord, ScanOptions, ScanPage, ScanState } from '../provider/record-scan.js';
import type { GroupBacklog, QueueProvider, RecordData } from '../provider/queue-provider.js';

/**
 * The browse, admin and group seams of a partitioned queue: each asks every partition's store
 * queue (a record, a group, lives in exactly one) and merges the answers as one queue's.
 */
type Store = QueueProvider;
type Found = (ScannedRecord & { readonly state: ScanState; readonly details: RecordDetails }) | null;

/** A walk goes through the partitions in turn; its cursor is `<partition>|<the store's cursor>`. */
export async function scanPartitions(store: Store, names: readonly string[], options: ScanOptions): Promise<ScanPage> {
  const mark = options.cursor.indexOf('|');
  const partition = mark < 0 ? 0 : Number(options.cursor.slice(0, mark));
  const name = names[partition];
  if (name === undefined || !Number.isInteger(partition)) return { records: [], nextCursor: '' };
  const page = await (store.doScanRecords as NonNullable<Store['doScanRecords']>).call(store, name, { ...options, cursor: mark < 0 ? '' : options.cursor.slice(mark + 1) });
  if (page.nextCursor !== '') return { records: page.records, nextCursor: `${partition}|${page.nextCursor}` };
  return { records: page.records, nextCursor: partition + 1 < names.length ? `${partition + 1}|` : '' };
}

/** Tries each partition until one holds the record (false when none does). */
export async function rewriteInPartitions(store: Store, names: readonly string[], id: string, expected: RecordData, data: RecordData): Promise<boolean> {
  for (const name of names) if (await (store.doRewriteRecord as NonNullable<Store['doRewriteRecord']>).call(store, name, id, expected, data)) return true;
  return false;
}

export async function getFromPartitions(store: Store, names: readonly string[], id: string): Promise<Found> {
  const found = await Promise.all(names.map((name) => (store.doGetRecord as NonNullable<Store['doGetRecord']>).call(store, name, id)));
  return found.find((record) => record !== null) ?? null;
}

/** An action on ids in every partition: per id, done where one partition did it, else wrong_state where one holds it, else not_found. */
export async function actOnPartitions(names: readonly string[], ids: readonly string[], act: (storeQueue: string) => Promise<ActionOutcome[]>): Promise<ActionOutcome[]> {
  const outcomes = await Promise.all(names.map(act));
  return ids.map((_, i) => {
    const each = outcomes.map((o) => o[i]);
    return each.includes('done') ? 'done' : each.includes('wrong_state') ? 'wrong_state' : 'not_found';
  });
}

/** A group lives in one partition: the largest of all partitions' groups. */
export function mergeGroups(perPartition: readonly (readonly GroupBacklog[])[], limit: number): GroupBacklog[] {
  return perPartition
    .flat()
    .sort((a, b) => b.waiting - a.waiting || (a.groupId < b.groupId ? -1 : 1))
    .slice(0, limit);
}
