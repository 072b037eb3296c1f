/**
 * The browse/rewrite seam (capabilities.scanRecords): doScanRecords walks a queue's stored records
 * of one state page by page (processing only where capabilities.admin); doRewriteRecord replaces one record's data if nothing changed it.
 * queue.reencrypt() uses both; the admin API (capabilities.admin) lists messages by state with the walk.
 */
export type ScanState = 'ready' | 'delayed' | 'processing' | 'dead';

/** What the admin API shows of a stored record besides its data (always filled where capabilities.admin). */
export interface RecordDetails {
  readonly priority: number;
  readonly attempts: number;
  /** When it is (ready) or will be (delayed) due, on the store's clock. */
  readonly availableAt: number;
  /** Processing: when the lease ends. */
  readonly leaseExpiresAt?: number;
  /** The error of the last failed attempt, as stored, and when it was stored. */
  readonly lastError?: string;
  readonly lastErrorAt?: number;
  /** Dead: the error it died with, and when. */
  readonly error?: string;
  readonly failedAt?: number;
  readonly groupId?: string;
}

/** What an admin action did to one record: done, no such record, or the record is in a state the action does not accept. */
export type ActionOutcome = 'done' | 'not_found' | 'wrong_state';

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
  /** Filled where capabilities.admin. */
  readonly details?: RecordDetails;
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
