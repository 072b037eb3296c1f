import fc from 'fast-check';
import { expect, test } from 'vitest';
import { MemoryQueueState } from '../src/memory-queue-state.js';

// Case 9 (issue 6): the priority buckets and the delay heap of the in-memory provider against a
// plain-array reference: highest priority first, FIFO within a level (by the moment a record became
// ready; records falling due together in due-time then enqueue order), nothing lost, counts right.

type Op = { kind: 'add'; priority: number; delayMs: number } | { kind: 'take'; max: number } | { kind: 'advance'; ms: number } | { kind: 'count' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), priority: fc.integer({ min: 1, max: 10 }), delayMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 })) }),
  fc.record({ kind: fc.constant('take' as const), max: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant('count' as const) }),
);

interface RefRecord {
  id: string;
  priority: number;
  dueAt: number;
  seq: number;
}

/** The reference: an array per priority, and an unsorted array of delayed records. */
class Reference {
  readonly ready: RefRecord[][] = Array.from({ length: 10 }, () => []);
  delayed: RefRecord[] = [];

  add(record: RefRecord, now: number): void {
    if (record.dueAt <= now) (this.ready[record.priority - 1] as RefRecord[]).push(record);
    else this.delayed.push(record);
  }

  settle(now: number): void {
    const due = this.delayed.filter((r) => r.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    this.delayed = this.delayed.filter((r) => r.dueAt > now);
    for (const r of due) (this.ready[r.priority - 1] as RefRecord[]).push(r);
  }

  take(max: number, now: number): string[] {
    this.settle(now);
    const out: string[] = [];
    for (let p = 9; p >= 0 && out.length < max; p--) {
      const bucket = this.ready[p] as RefRecord[];
      while (out.length < max && bucket.length > 0) out.push((bucket.shift() as RefRecord).id);
    }
    return out;
  }

  readyCount(): number {
    return this.ready.reduce((n, b) => n + b.length, 0);
  }
}

const LEASE_MS = 1_000_000; // longer than any run: leases never expire here

test('priority buckets and delay heap match the reference', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const state = new MemoryQueueState();
      const ref = new Reference();
      let now = 1000;
      let n = 0;
      const taken: string[] = [];
      const added: string[] = [];
      for (const o of ops) {
        if (o.kind === 'add') {
          const id = `m${n}`;
          added.push(id);
          state.add({ id, priority: o.priority, delayMs: o.delayMs, data: '' }, now);
          ref.add({ id, priority: o.priority, dueAt: now + o.delayMs, seq: n }, now);
          n++;
        } else if (o.kind === 'take') {
          const got = state.take(o.max, now, LEASE_MS, () => 'k').map((r) => r.id);
          expect(got).toEqual(ref.take(o.max, now));
          taken.push(...got);
        } else if (o.kind === 'advance') {
          now += o.ms;
        } else {
          const counts = state.counts(now);
          ref.settle(now);
          expect({ ready: counts.ready, delayed: counts.delayed, processing: counts.processing }).toEqual({
            ready: ref.readyCount(),
            delayed: ref.delayed.length,
            processing: taken.length,
          });
        }
      }
      // Nothing lost: once everything is due, a drain returns exactly what was never taken.
      now += 1000;
      const rest = state.take(10_000, now, LEASE_MS, () => 'k').map((r) => r.id);
      expect(rest).toEqual(ref.take(10_000, now));
      expect([...taken, ...rest].sort()).toEqual([...added].sort());
      expect(state.counts(now)).toMatchObject({ ready: 0, delayed: 0, processing: added.length });
    }),
    { numRuns: 1000 },
  );
});
