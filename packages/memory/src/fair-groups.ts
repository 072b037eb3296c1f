import type { GroupBacklog } from '@mq/core/provider';
import { GroupRing, UNGROUPED } from './group-ring.js';
import type { IntFifo } from './int-fifo.js';

/**
 * Fair groups of one in-memory queue (capabilities.groups): which slot belongs to which group,
 * the turn order of the groups at each priority level (GroupRing), and the leases each group
 * holds, for groupConcurrency. A queue whose records have no group never gets here: while
 * `size` is 0, MemoryQueueState uses its plain FIFOs alone, as before groups existed.
 */
export class FairGroups {
  /** The group of each slot, by slot number: slots are dense and reused, so an array rather than a Map. */
  private groupOf: (string | undefined)[] = [];
  private grouped = 0;
  private readonly rings: (GroupRing | undefined)[] = new Array<GroupRing | undefined>(10);
  private readonly leased = new Map<string, number>();
  /** Groups of dead letters, by id, so a replayed dead letter keeps its group. */
  private readonly deadGroups = new Map<string, string>();
  /** The last take left ready records behind because their groups were at groupConcurrency. */
  blocked = false;

  /** Records (waiting or leased) that belong to a group. */
  get size(): number {
    return this.grouped;
  }

  assign(slot: number, groupId: string): void {
    if (this.groupOf[slot] === undefined) this.grouped++;
    this.groupOf[slot] = groupId;
  }

  /** The group of the record in `slot`, if it has one. */
  groupOfSlot(slot: number): string | undefined {
    return this.groupOf[slot];
  }

  /** The group dead letter `id` keeps for a replay, if any. */
  deadGroupOf(id: string): string | undefined {
    return this.deadGroups.get(id);
  }

  /** The slot's record is gone (acked, dead-lettered or purged). */
  forget(slot: number): void {
    if (this.groupOf[slot] === undefined) return;
    this.groupOf[slot] = undefined;
    this.grouped--;
  }

  /** The slot's record `id` is about to become a dead letter: its group is kept for a replay. */
  died(slot: number, id: string): void {
    const groupId = this.groupOf[slot];
    if (groupId !== undefined) this.deadGroups.set(id, groupId);
  }

  /** The group of dead letter `id`, which leaves the dead letters (replayed or purged). */
  revived(id: string): string | undefined {
    const groupId = this.deadGroups.get(id);
    if (groupId !== undefined) this.deadGroups.delete(id);
    return groupId;
  }

  /** Every dead letter was purged. */
  deadPurged(): void {
    this.deadGroups.clear();
  }

  /** A slot became ready at level `p` (0-9); ungrouped slots go to `bucket`, the level's plain FIFO. */
  ready(p: number, slot: number, front: boolean, bucket: IntFifo): void {
    this.blocked = false;
    const groupId = this.groupOf[slot];
    let ring = this.rings[p];
    if (groupId === undefined) {
      // The ungrouped records take their turn as one group while the level has groups.
      if (ring?.active === true && bucket.size === 0) ring.addTurn(UNGROUPED);
      if (front) bucket.unshift(slot);
      else bucket.push(slot);
      return;
    }
    if (ring === undefined) ring = this.rings[p] = new GroupRing();
    if (!ring.active && bucket.size > 0) ring.addTurn(UNGROUPED);
    ring.push(groupId, slot, front);
  }

  /** Ready slot `slot` at level `p` leaves the line (an admin delete, promote or priority change); false when it is not there. */
  unready(p: number, slot: number, bucket: IntFifo): boolean {
    const groupId = this.groupOf[slot];
    const ring = this.rings[p];
    if (groupId !== undefined) return ring !== undefined && ring.remove(groupId, slot);
    if (!bucket.remove(slot)) return false;
    // The ungrouped records have a turn only while some wait.
    if (ring?.active === true && bucket.size === 0) ring.dropTurn(UNGROUPED);
    return true;
  }

  /**
   * The next slot to lease at level `p`: groups in turn, FIFO within one, skipping a group that
   * holds `limit` leases already. -1 when nothing at this level may be taken now.
   */
  next(p: number, bucket: IntFifo, limit: number): number {
    const ring = this.rings[p];
    if (ring === undefined || !ring.active) return bucket.shift();
    for (let skipped = 0, turns = ring.turnCount; skipped < turns; ) {
      const groupId = ring.nextTurn();
      if (groupId === UNGROUPED) {
        const slot = bucket.shift();
        if (slot < 0) continue;
        if (bucket.size > 0) ring.addTurn(UNGROUPED);
        return slot;
      }
      const held = this.leased.get(groupId) ?? 0;
      if (held >= limit) {
        ring.addTurn(groupId);
        skipped++;
        this.blocked = true;
        continue;
      }
      this.leased.set(groupId, held + 1);
      return ring.shiftFrom(groupId);
    }
    return -1;
  }

  /** The lease of `slot` ended (ack, release, dead letter, expiry); true if the slot belongs to a group. */
  leaseEnded(slot: number): boolean {
    const groupId = this.groupOf[slot];
    if (groupId === undefined) return false;
    const held = (this.leased.get(groupId) ?? 1) - 1;
    if (held > 0) this.leased.set(groupId, held);
    else this.leased.delete(groupId);
    this.blocked = false;
    return true;
  }

  /** Ready records per group, most first, at most `limit`. */
  backlog(limit: number): GroupBacklog[] {
    const totals = new Map<string, number>();
    for (const ring of this.rings) ring?.forEachGroup((groupId, ready) => totals.set(groupId, (totals.get(groupId) ?? 0) + ready));
    return [...totals]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([groupId, waiting]) => ({ groupId, waiting }));
  }

  /** What is kept for groups, named (for tests: nothing once every group emptied and its records are gone). */
  tracked(): string[] {
    const kept: string[] = [];
    this.groupOf.forEach((groupId, slot) => groupId !== undefined && kept.push(`slot ${slot}: ${groupId}`));
    for (const [groupId, held] of this.leased) kept.push(`leases of ${groupId}: ${held}`);
    for (const [id, groupId] of this.deadGroups) kept.push(`dead letter ${id}: ${groupId}`);
    this.rings.forEach((ring, p) => ring?.forEachGroup((groupId, ready) => kept.push(`ready at ${p + 1} of ${groupId}: ${ready}`)));
    return kept;
  }

  clear(): void {
    this.groupOf = [];
    this.grouped = 0;
    this.leased.clear();
    for (const ring of this.rings) ring?.clear();
    this.blocked = false;
  }
}
