/**
 * How each peer is configured, per case profile, as its own documentation recommends (issue 20:
 * "a ratio against a peer that was held back is not a result"). Plain data, so that the report can
 * print exactly what the contenders use without loading either library.
 *
 * - 'standard': every case except the delayed one.
 * - 'delayed': case 4, where Bee-Queue needs its delayed-job activation on and a short debounce.
 */
export type PeerProfile = 'standard' | 'delayed';

/** Bee-Queue settings for the producer (`new BeeQueue(name, settings)`), the same in every profile. */
export const BEE_QUEUE_PRODUCER = { isWorker: false, getEvents: false, sendEvents: false, storeJobs: false } as const;

/**
 * Bee-Queue's `delayedDebounce` for the delayed case, in ms. Its README: "The promptness of the job
 * activation is controlled with the `delayedDebounce` setting"; the default 1,000 ms groups up to a
 * second of due jobs into one activation (p50 lateness 618–713 ms here). A sweep on case 4 (3 runs
 * each, 2026-12-02: 25, 10, 5, 1, 0 ms gave p50 18, 11, 5, 2, 1 ms) picked the most prompt: 0, each
 * due job activated on its own; its Node CPU rose from 23% to 28% of the wall time, nothing else.
 */
export const BEE_QUEUE_DELAYED_DEBOUNCE_MS = 0;

/** Bee-Queue settings for a worker, by profile. */
export function beeQueueWorkerSettings(profile: PeerProfile): Record<string, boolean | number> {
  const common = { isWorker: true, getEvents: false, sendEvents: false, storeJobs: false, removeOnSuccess: true };
  // README: activateDelayedJobs opens a pub/sub connection; "these settings should be disabled if you don't need them".
  return profile === 'delayed' ? { ...common, activateDelayedJobs: true, delayedDebounce: BEE_QUEUE_DELAYED_DEBOUNCE_MS } : { ...common, activateDelayedJobs: false };
}

/** BullMQ's Queue options besides the connection (the same in every profile). */
export const BULLMQ_QUEUE = {
  defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
  // "Events" guide / QueueOptions.streams: the events stream keeps at most maxLen events; 0 keeps
  // none (as @mq publishes no events and Bee-Queue's are off here).
  streams: { events: { maxLen: 0 } },
} as const;

/** BullMQ's connection options: producer fails fast ("Going to production"), workers retry forever (required). */
export const BULLMQ_PRODUCER_CONNECTION = { enableOfflineQueue: false } as const;
export const BULLMQ_WORKER_CONNECTION = { maxRetriesPerRequest: null } as const;

/** BullMQ Worker options besides the connection and `concurrency` (which every case sets). */
export function bullmqWorkerSettings(_profile: PeerProfile): Record<string, boolean | number> {
  // The docs name no latency or throughput setting beyond `concurrency`; drainDelay, stalledInterval
  // and lockDuration keep their defaults (the docs advise against changing lockRenewTime).
  return {};
}

/** One row of the "Peer settings" table of the report and of docs/benchmarks.md. */
export interface PeerSettingRow {
  readonly peer: string;
  readonly profile: string;
  readonly settings: string;
  readonly why: string;
}

const text = (value: unknown): string => JSON.stringify(value).replaceAll('"', '').replaceAll(',', ', ').replaceAll(':', ': ');

/** What the report prints next to its tables: every peer setting that is not the library's default. */
export function peerSettingRows(): PeerSettingRow[] {
  const delayed = beeQueueWorkerSettings('delayed');
  return [
    { peer: 'Bee-Queue', profile: 'producer, every case', settings: text(BEE_QUEUE_PRODUCER), why: 'README "Settings": disable isWorker on a queue that will not process jobs; events off as @mq publishes none; storeJobs off "normally improves memory usage"' },
    { peer: 'Bee-Queue', profile: 'worker, every case but 4', settings: text(beeQueueWorkerSettings('standard')), why: 'README: removeOnSuccess "to keep memory usage down" (@mq deletes acked messages); activateDelayedJobs opens a pub/sub connection, "should be disabled if you don\'t need them"' },
    { peer: 'Bee-Queue', profile: 'worker, case 4 (delayed)', settings: `activateDelayedJobs: ${String(delayed.activateDelayedJobs)}, delayedDebounce: ${String(delayed.delayedDebounce)}`, why: 'README "Queue Delayed Job activation": no delayed job runs without activateDelayedJobs; delayedDebounce (default 1000 ms) sets their promptness' },
    { peer: 'BullMQ', profile: 'Queue, every case', settings: text(BULLMQ_QUEUE), why: 'Guide "Auto-removal of jobs" (@mq deletes acked messages); "Events": the events stream trimmed to 0 entries, as the other contenders publish no events' },
    { peer: 'BullMQ', profile: 'connections', settings: `producer ${text(BULLMQ_PRODUCER_CONNECTION)}, workers ${text(BULLMQ_WORKER_CONNECTION)}`, why: '"Going to production": fail fast when adding jobs, maxRetriesPerRequest null for workers' },
    { peer: 'BullMQ', profile: 'Worker, every case', settings: 'concurrency as the case (1 or 50); other options default', why: '"Concurrency": a local concurrency factor per worker; no documented setting lowers latency (workers block on a marker, no polling)' },
  ];
}
