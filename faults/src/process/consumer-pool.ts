import type { SeededRandom } from '../random/seeded-random.js';
import type { ForkedWorker } from './forked-worker.js';

export interface KillRecord {
  readonly pid: number;
  /** Epoch ms just before the signal was sent (or when a self-kill was noticed). */
  readonly at: number;
  /** test: the suite killed it; self: it died on its own (the poison message). */
  readonly cause: 'test' | 'self';
}

/**
 * Keeps `size` forked consumers running: the test kills one at random (SIGKILL by pid) and the
 * pool starts a replacement; a consumer that dies on its own is recorded and replaced too.
 */
export class ConsumerPool {
  readonly all: ForkedWorker[] = [];
  readonly kills: KillRecord[] = [];
  private readonly alive = new Set<ForkedWorker>();
  private readonly killedByTest = new Set<number>();
  private readonly replacing = new Set<Promise<void>>();
  private readonly failures: unknown[] = [];
  private running = false;
  private started = 0;

  constructor(
    private readonly size: number,
    private readonly startOne: (index: number) => Promise<ForkedWorker>,
    /** Bound on workers started in all (start + replacements). */
    private readonly maxStarts: number,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await Promise.all(Array.from({ length: this.size }, () => this.add()));
  }

  get pids(): number[] {
    return [...this.alive].map((w) => w.pid);
  }

  /** SIGKILLs a random live consumer and starts its replacement (not awaited). */
  async killRandom(random: SeededRandom): Promise<KillRecord | undefined> {
    const live = [...this.alive];
    if (live.length === 0) return undefined;
    const victim = random.pick(live);
    this.killedByTest.add(victim.pid);
    const record: KillRecord = { pid: victim.pid, at: Date.now(), cause: 'test' };
    this.kills.push(record);
    await victim.kill('SIGKILL');
    return record;
  }

  /** Waits for replacements being started. */
  async settle(): Promise<void> {
    await Promise.all([...this.replacing]);
    if (this.failures.length > 0) throw new Error(`A replacement consumer failed to start: ${String(this.failures[0])}`);
  }

  /** Stops replacing, then SIGTERMs every live consumer and waits for the exits. */
  async stop(): Promise<void> {
    this.running = false;
    await this.settle();
    await Promise.all([...this.alive].map((w) => w.kill('SIGTERM').catch(() => w.kill('SIGKILL'))));
  }

  private async add(): Promise<void> {
    if (this.started >= this.maxStarts) throw new Error(`ConsumerPool started ${this.started} workers, its bound`);
    const worker = await this.startOne(this.started++);
    this.all.push(worker);
    this.alive.add(worker);
    void worker.exited.then(() => {
      this.alive.delete(worker);
      if (!this.running) return;
      if (!this.killedByTest.has(worker.pid)) this.kills.push({ pid: worker.pid, at: Date.now(), cause: 'self' });
      const replacement: Promise<void> = this.add()
        .catch((error: unknown) => void this.failures.push(error))
        .finally(() => this.replacing.delete(replacement));
      this.replacing.add(replacement);
    });
  }
}
