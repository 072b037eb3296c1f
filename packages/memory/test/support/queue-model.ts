import { MODEL_LEASE_MS, MODEL_RETRY } from './queue-commands.js';

/** A message as the reference model sees it. */
export interface ModelMessage {
  readonly id: string;
  /** Changed only by the admin API's changePriority. */
  priority: number;
  readonly maxRetries: number;
  state: 'ready' | 'delayed' | 'leased' | 'dead' | 'done' | 'purged';
  attempts: number;
  dueAt: number;
  /** Enqueue/retry order: delayed records falling due together go in this order. */
  seq: number;
  leaseExpiresAt: number;
  /** Bumped on every take: a handle holds the lease only while its generation is current. */
  gen: number;
}

/**
 * The provider contract over plain arrays. Each priority is a list of groups: a group of one is a
 * message in FIFO place; a group of several is a batch of expired leases put back at the front
 * together, which a provider may hand out in any order (memory: enqueue order, Redis: expiry then id).
 */
export class QueueModel {
  readonly messages = new Map<string, ModelMessage>();
  readonly buckets: string[][][] = Array.from({ length: 10 }, () => []);
  completed = 0;
  /** pauseQueue: takes hand out nothing (and move nothing). */
  paused = false;
  private seq = 0;

  enqueue(id: string, priority: number, delayMs: number, maxRetries: number, now: number): void {
    const m: ModelMessage = { id, priority, maxRetries, state: 'delayed', attempts: 0, dueAt: now + delayMs, seq: this.seq++, leaseExpiresAt: 0, gen: 0 };
    this.messages.set(id, m);
    if (delayMs === 0) this.pushReady(m);
  }

  /** Moves due delayed messages to the back and expired leases to the front of their priority. */
  settle(now: number): void {
    const all = [...this.messages.values()];
    const due = all.filter((m) => m.state === 'delayed' && m.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    for (const m of due) this.pushReady(m);
    const expired = all.filter((m) => m.state === 'leased' && m.leaseExpiresAt < now);
    for (let p = 1; p <= 10; p++) {
      const group = expired.filter((m) => m.priority === p);
      for (const m of group) m.state = 'ready';
      if (group.length > 0) this.bucket(p).unshift(group.map((m) => m.id));
    }
  }

  /** The group the next take must come from (highest priority, front), or undefined if none is ready. */
  frontGroup(): string[] | undefined {
    for (let p = 10; p >= 1; p--) {
      const first = this.bucket(p)[0];
      if (first !== undefined) return first;
    }
    return undefined;
  }

  /** Removes `id` from the front group: it was taken (leased) or dead-lettered at take. */
  removeFromFront(id: string): void {
    for (let p = 10; p >= 1; p--) {
      const groups = this.bucket(p);
      const first = groups[0];
      if (first === undefined) continue;
      const at = first.indexOf(id);
      if (at < 0) throw new Error(`model: ${id} is not in the front group`);
      first.splice(at, 1);
      if (first.length === 0) groups.shift();
      return;
    }
  }

  /** True when the next take of `m` uses up more attempts than it has (the take dead-letters it). */
  static outOfAttempts(m: ModelMessage): boolean {
    return m.attempts + 1 > m.maxRetries + 1;
  }

  lease(m: ModelMessage, now: number): void {
    m.attempts++;
    m.state = 'leased';
    m.leaseExpiresAt = now + MODEL_LEASE_MS;
    m.gen++;
  }

  holds(m: ModelMessage | undefined, gen: number, now: number): m is ModelMessage {
    return m !== undefined && m.state === 'leased' && m.gen === gen && now <= m.leaseExpiresAt;
  }

  /** A failed attempt: a retry after backoff, or a dead letter when no retries are left. */
  fail(m: ModelMessage, now: number): 'dead' | number {
    if (m.attempts >= m.maxRetries + 1) {
      m.state = 'dead';
      return 'dead';
    }
    const delayMs = Math.min(MODEL_RETRY.maxDelayMs, MODEL_RETRY.baseDelayMs * MODEL_RETRY.factor ** (m.attempts - 1));
    m.state = 'delayed';
    m.dueAt = now + delayMs;
    m.seq = this.seq++;
    return delayMs;
  }

  purge(): number {
    let removed = 0;
    for (const m of this.messages.values()) {
      if (m.state === 'ready' || m.state === 'delayed' || m.state === 'leased') {
        m.state = 'purged';
        removed++;
      }
    }
    for (const groups of this.buckets) groups.length = 0;
    return removed;
  }

  /** Admin delete (after settle): ready, delayed and dead messages go; a leased one is wrong_state. */
  delete(m: ModelMessage | undefined): string {
    if (m === undefined || m.state === 'done' || m.state === 'purged') return 'not_found';
    if (m.state === 'leased') return 'wrong_state';
    if (m.state === 'ready') this.unready(m);
    m.state = 'purged';
    return 'done';
  }

  /** Admin promote (after settle): a delayed message becomes ready now, at the back of its priority. */
  promote(m: ModelMessage | undefined, now: number): string {
    if (m === undefined || m.state === 'done' || m.state === 'purged') return 'not_found';
    if (m.state !== 'delayed') return 'wrong_state';
    m.dueAt = now;
    m.seq = this.seq++;
    this.pushReady(m);
    return 'done';
  }

  /** Admin changePriority (after settle): a ready message whose level changes goes to the back of the new one; a delayed one keeps its due time. */
  setPriority(m: ModelMessage | undefined, priority: number): string {
    if (m === undefined || m.state === 'done' || m.state === 'purged') return 'not_found';
    if (m.state !== 'ready' && m.state !== 'delayed') return 'wrong_state';
    if (m.priority === priority) return 'done';
    if (m.state === 'ready') this.unready(m);
    m.priority = priority;
    if (m.state === 'ready') this.pushReady(m);
    return 'done';
  }

  /** Counts as a provider reports them at `now`, without settling. */
  counts(now: number): { ready: number; delayed: number; processing: number; dead: number; completed: number } {
    const c = { ready: 0, delayed: 0, processing: 0, dead: 0, completed: this.completed };
    for (const m of this.messages.values()) {
      if (m.state === 'ready' || (m.state === 'delayed' && m.dueAt <= now) || (m.state === 'leased' && m.leaseExpiresAt < now)) c.ready++;
      else if (m.state === 'delayed') c.delayed++;
      else if (m.state === 'leased') c.processing++;
      else if (m.state === 'dead') c.dead++;
    }
    return c;
  }

  private unready(m: ModelMessage): void {
    const groups = this.bucket(m.priority);
    const at = groups.findIndex((group) => group.includes(m.id));
    const group = groups[at] as string[];
    group.splice(group.indexOf(m.id), 1);
    if (group.length === 0) groups.splice(at, 1);
  }

  private pushReady(m: ModelMessage): void {
    m.state = 'ready';
    this.bucket(m.priority).push([m.id]);
  }

  private bucket(priority: number): string[][] {
    return this.buckets[priority - 1] as string[][];
  }
}
