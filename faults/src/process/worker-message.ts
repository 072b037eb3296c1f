/** What a forked worker reports to the test over IPC. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly pid: number; readonly port?: number }
  /** Something that must never happen: an unhandled rejection, an uncaught exception, a promise pending too long. */
  | { readonly type: 'problem'; readonly pid: number; readonly kind: string; readonly detail: string }
  /** A producer finished its share. */
  | { readonly type: 'finished'; readonly pid: number; readonly summary: Record<string, number> }
  /** Answer to a `report` request. */
  | { readonly type: 'report'; readonly pid: number; readonly summary: Record<string, number> };

/** What the test asks a worker. */
export type WorkerCommand = { readonly type: 'report' } | { readonly type: 'stop' };
