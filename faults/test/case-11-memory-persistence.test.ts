import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ForkedWorker } from '../src/process/forked-worker.js';
import { useTestSeed } from '../src/random/use-test-seed.js';
import type { DurableMemoryConfig } from '../src/workers/durable-memory-main.js';

// Case 11 (issue 14): a durable in-memory provider in a child process enqueues and consumes, is
// SIGKILLed 10 times at random points (compaction runs every few hundred kilobytes, so kills land
// during it too) and restarted on the same folder each time; a last run drains the queue.
const KILLS = 10;
const LEASE_MS = 300;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-faults-durable-'));
afterAll(() => {
  if (process.env.FAULTS_KEEP === undefined) fs.rmSync(root, { recursive: true, force: true });
});

interface Ledger {
  enqueued: Set<string>;
  /** Run in which an id was acked. */
  ackedIn: Map<string, number>;
  violations: string[];
  /** Ids whose ack was asked, not answered, when their process was killed: they may or may not come back. */
  maybeAcked: Set<string>;
  redeliveredInFlight: number;
  inFlightAtKill: number;
}

function readLedgers(dir: string, runs: number): Ledger {
  const result: Ledger = { enqueued: new Set(), ackedIn: new Map(), violations: [], maybeAcked: new Set(), redeliveredInFlight: 0, inFlightAtKill: 0 };
  /** Ids taken and not settled when their run was killed, with the attempt they were taken at. */
  const inFlight = new Map<string, number>();
  for (let run = 0; run <= runs; run++) {
    const file = path.join(dir, `ledger-${run}.txt`);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
    const open = new Map<string, number>();
    const asked = new Set<string>();
    for (const line of lines) {
      const [kind, id = '', attempts] = line.split(' ');
      if (kind === 'E') result.enqueued.add(id);
      if (kind === 'T') {
        const acked = result.ackedIn.get(id);
        if (acked !== undefined) result.violations.push(`${id} acked in run ${acked} was taken again in run ${run}`);
        const before = inFlight.get(id);
        if (before !== undefined) {
          if (Number(attempts) <= before) result.violations.push(`${id} held at attempt ${before} when its process was killed came back at attempt ${attempts}`);
          result.redeliveredInFlight++;
          inFlight.delete(id);
        }
        open.set(id, Number(attempts));
      }
      if (kind === 'A') {
        result.ackedIn.set(id, run);
        open.delete(id);
      }
      if (kind === 'R') open.delete(id);
      if (kind === 'a') asked.add(id);
      if (kind === 'A' || kind === 'T') asked.delete(id);
    }
    for (const id of asked) {
      result.maybeAcked.add(id);
      open.delete(id);
    }
    for (const [id, attempts] of open) inFlight.set(id, attempts);
    if (run < runs) result.inFlightAtKill += open.size;
  }
  for (const id of inFlight.keys()) result.violations.push(`${id} was in flight at a kill and never came back`);
  return result;
}

describe('case 11: the durable in-memory provider survives SIGKILL', () => {
  for (const durability of ['fsync', 'batch', 'none'] as const) {
    it(`${durability}: 10 kills at random points, 0 acknowledged enqueues lost, 0 acked redelivered, in-flight redelivered after the lease`, async () => {
      const random = useTestSeed(`case 11 ${durability}`);
      const dir = path.join(root, durability);
      const config = (run: number, mode: 'work' | 'drain'): DurableMemoryConfig => ({
        dir: path.join(dir, 'store'),
        durability,
        ledger: path.join(dir, `ledger-${run}.txt`),
        run,
        mode,
        leaseMs: LEASE_MS,
        compactAfterBytes: 256 * 1024,
      });
      fs.mkdirSync(dir, { recursive: true });
      for (let run = 0; run < KILLS; run++) {
        const worker = await ForkedWorker.start('durable-memory-main.ts', `durable worker ${run}`, config(run, 'work'));
        await new Promise((resolve) => setTimeout(resolve, random.int(150, 750)));
        const exit = await worker.kill('SIGKILL');
        expect(exit.signal).toBe('SIGKILL');
        expect(worker.problems).toEqual([]);
      }
      const drainer = await ForkedWorker.start('durable-memory-main.ts', 'drainer', config(KILLS, 'drain'));
      const finished = await drainer.next((m) => m.type === 'finished', 120_000, 'the drain');
      await drainer.exited;
      expect(drainer.problems).toEqual([]);
      const ledger = readLedgers(dir, KILLS);
      // An enqueue acknowledged is lost if it was never acked, unless its last ack was asked when a kill came.
      const lost = [...ledger.enqueued].filter((id) => !ledger.ackedIn.has(id) && !ledger.maybeAcked.has(id));
      console.log(`case 11 ${durability}: ${ledger.enqueued.size} enqueued, ${ledger.ackedIn.size} acked, ${ledger.inFlightAtKill} in flight at kills (${ledger.redeliveredInFlight} redelivered), lost ${lost.length}, ${ledger.maybeAcked.size} acks asked at a kill`);
      expect(ledger.enqueued.size).toBeGreaterThan(0);
      expect(ledger.inFlightAtKill).toBeGreaterThan(0);
      expect(lost, 'acknowledged enqueues lost').toEqual([]);
      expect(ledger.violations).toEqual([]);
      const completed = finished.type === 'finished' ? (finished.summary.completed ?? 0) : 0;
      expect(completed).toBeGreaterThanOrEqual(ledger.ackedIn.size);
      expect(completed).toBeLessThanOrEqual(ledger.ackedIn.size + ledger.maybeAcked.size);
    });
  }
});
