import fc from 'fast-check';

/** One step of a provider-contract run (case 9 of issue 6). `pick` chooses among held messages. */
export type QueueCommand =
  | { kind: 'enqueue'; priority: number; delayMs: number; maxRetries: number }
  | { kind: 'take' }
  | { kind: 'ack'; pick: number }
  | { kind: 'nack'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'crash'; pick: number }
  | { kind: 'purge' }
  | { kind: 'stats' }
  // The admin API (capabilities.admin), on one message `pick` of those enqueued so far:
  | { kind: 'delete'; pick: number }
  | { kind: 'promote'; pick: number }
  | { kind: 'priority'; pick: number; priority: number }
  | { kind: 'pause'; paused: boolean };

/** The lease and retry settings the model assumes. */
export const MODEL_LEASE_MS = 1000;
export const MODEL_RETRY = { baseDelayMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0 };

const pick = fc.nat({ max: 7 });

export const queueCommand: fc.Arbitrary<QueueCommand> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('enqueue' as const),
      priority: fc.integer({ min: 1, max: 10 }),
      delayMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
      maxRetries: fc.integer({ min: 0, max: 2 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.constant({ kind: 'take' as const }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('ack' as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('nack' as const), pick }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(fc.constantFrom(0, 1, 99, 100, MODEL_LEASE_MS - 1, MODEL_LEASE_MS, MODEL_LEASE_MS + 1), fc.integer({ min: 0, max: 3000 })),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('crash' as const), pick }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'purge' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'stats' as const }), weight: 1 },
);

/** The admin commands, for a provider with capabilities.admin. */
const adminCommand: fc.Arbitrary<QueueCommand> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('promote' as const), pick: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('priority' as const), pick: fc.nat({ max: 40 }), priority: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('pause' as const), paused: fc.boolean() }),
);

/** Command sequences; with `admin`, about one step in five is an admin command. */
export const queueCommands = (maxLength: number, admin = false): fc.Arbitrary<QueueCommand[]> =>
  fc.array(admin ? fc.oneof({ arbitrary: queueCommand, weight: 4 }, { arbitrary: adminCommand, weight: 1 }) : queueCommand, { maxLength });
