import { ValidationError, type Clock, type ProviderCapabilities } from '@mq/core/provider';

/** What a limited provider may be told to lack (or have: blockingTake). Left out: as the in-memory provider. */
export interface LimitedProviderOptions {
  clock?: Clock;
  /** Reported by health() and stats; default "limited". */
  name?: string;
  /** 'none': stores every record at one priority, first in first out. */
  priorities?: ProviderCapabilities['priorities'];
  /** false: an ack, release or dead-letter with a stale lease token still acts on the record. */
  fencedAcks?: boolean;
  /** 'approximate': doCount answers one read behind. */
  counts?: ProviderCapabilities['counts'];
  /** 'none': cannot list dead letters, nor replay or purge some of them by id. */
  deadLetters?: ProviderCapabilities['deadLetters'];
  /** Refuses (throws) an enqueue or release with a longer delay. */
  maxDelayMs?: number;
  /** false: a batch is stored record by record (a duplicate leaves the others stored). */
  atomicBatchEnqueue?: boolean;
  /** true: doTake waits up to waitMs for work. */
  blockingTake?: boolean;
  /** 'best-effort': records of one priority come back last first within a take. */
  ordering?: 'strict' | 'best-effort';
  /** false: refuses (throws) Uint8Array data. */
  binaryData?: boolean;
}

const CHOICES: Record<string, readonly unknown[]> = {
  priorities: ['native', 'none'],
  fencedAcks: [true, false],
  counts: ['exact', 'approximate'],
  deadLetters: ['listable', 'none'],
  atomicBatchEnqueue: [true, false],
  blockingTake: [true, false],
  ordering: ['strict', 'best-effort'],
  binaryData: [true, false],
};

export function checkLimitedOptions(options: LimitedProviderOptions): LimitedProviderOptions {
  const fail = (field: string, what: string): never => {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `createLimitedProvider(): ${field} ${what}.`, { field });
  };
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || key === 'clock') continue;
    if (key === 'name') {
      if (typeof value !== 'string' || value === '') fail(key, 'must be a non-empty string');
    } else if (key === 'maxDelayMs') {
      if (value !== Infinity && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) fail(key, 'must be a whole number of ms >= 1, or Infinity');
    } else if (CHOICES[key] === undefined) {
      fail(key, `is not something it can lack; use ${['name', 'clock', 'maxDelayMs', ...Object.keys(CHOICES)].join(', ')}`);
    } else if (!CHOICES[key].includes(value)) {
      fail(key, `must be one of ${CHOICES[key].map((c) => JSON.stringify(c)).join(', ')}`);
    }
  }
  return options;
}
