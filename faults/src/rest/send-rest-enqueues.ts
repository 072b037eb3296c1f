import type { Ledger } from '../ledger/ledger-entry.js';

export interface RestSendOptions {
  /** e.g. http://127.0.0.1:PORT/api/queue */
  readonly baseUrl: string;
  readonly idPrefix: string;
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSec: number;
  /** Retry a 503 or a failed request with the same id until this long after the first try. */
  readonly retryForMs: number;
  /** Bound of one request. */
  readonly requestTimeoutMs: number;
  readonly ledger: Ledger;
  readonly pid: number;
}

export interface RestSendReport {
  readonly stored: number;
  readonly gaveUp: number;
  /** Responses by status ("error" for a request that failed without one). */
  readonly statuses: Record<string, number>;
}

/**
 * Enqueues through POST /enqueue/fault like a well-behaved client: on 503 it retries the same
 * id later; 202 means stored, and 409 on a retry means an earlier try was stored after all.
 */
export async function sendRestEnqueues(options: RestSendOptions): Promise<RestSendReport> {
  const statuses: Record<string, number> = {};
  let stored = 0;
  let gaveUp = 0;
  const startedAt = Date.now();
  const sendOne = async (seq: number): Promise<void> => {
    const id = `${options.idPrefix}-${seq}`;
    const deadline = Date.now() + options.retryForMs;
    for (let attempt = 1; attempt <= 1000; attempt++) {
      let status: string;
      try {
        const response = await fetch(`${options.baseUrl}/enqueue/fault`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, seq }),
          signal: AbortSignal.timeout(options.requestTimeoutMs),
        });
        await response.arrayBuffer();
        status = String(response.status);
      } catch {
        status = 'error';
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === '202' || (status === '409' && attempt > 1)) {
        stored++;
        options.ledger.append({ kind: 'enqueued', id, pid: options.pid, attempt, at: Date.now() });
        return;
      }
      options.ledger.append({ kind: 'enqueueFailed', id, pid: options.pid, attempt, at: Date.now(), error: status });
      if (Date.now() >= deadline) {
        gaveUp++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1000)));
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.count) {
        const seq = next++;
        const dueAt = startedAt + (seq * 1000) / options.ratePerSec;
        if (dueAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now()));
        await sendOne(seq);
      }
    }),
  );
  return { stored, gaveUp, statuses };
}
