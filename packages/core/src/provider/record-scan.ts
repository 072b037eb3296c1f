/**
 * The browse/rewrite seam (capabilities.scanRecords): doScanRecords walks a queue's stored records
 * of one state page by page; doRewriteRecord replaces one record's data if nothing changed it.
 * queue.reencrypt() uses both; the admin API (issue 17) will list messages by state with the walk.
 */
export type ScanState = 'ready' | 'delayed' | 'dead';

export interface ScanOptions {
  readonly state: ScanState;
  /** '' to start a walk, else the nextCursor of the previous page. Opaque to the core. */
  readonly cursor: string;
  /** About this many records per page (a page may hold fewer, or none, and the walk still go on). */
  readonly limit: number;
}

export interface ScannedRecord {
  readonly id: string;
  /** The data as stored (what the core wrote): a RecordData (queue-provider.ts, which imports this file). */
  readonly data: string | Uint8Array;
}

export interface ScanPage {
  readonly records: readonly ScannedRecord[];
  /**
   * '' when the walk is done. A cursor stays valid while the queue changes: every record that is in
   * the state for the whole walk is returned at least once; a record that enters or leaves the
   * state during the walk may or may not be (docs/writing-a-provider.md, "Browsing records").
   */
  readonly nextCursor: string;
}
