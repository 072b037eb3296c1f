import { IntFifo } from './int-fifo.js';

/** Stands for the ungrouped records of a level (its plain FIFO) in the turn order: group ids are never empty. */
export const UNGROUPED = '';

/**
 * The ready records of one priority level while some of them belong to groups: one FIFO of slots
 * per group and the order in which the groups take turns (round-robin). The level's ungrouped
 * records stay in its plain FIFO and take their turn as one group, UNGROUPED. A group's FIFO is
 * dropped as soon as it empties, so groups that come and go leave nothing behind.
 */
export class GroupRing {
  private readonly fifos = new Map<string, IntFifo>();
  /** Groups with ready records, next turn first (a queue of strings: an array and a head index). */
  private turns: string[] = [];
  private head = 0;

  /** True while a group has a ready record at this level. */
  get active(): boolean {
    return this.fifos.size > 0;
  }

  /** Turns waiting (groups with ready records, UNGROUPED included). */
  get turnCount(): number {
    return this.turns.length - this.head;
  }

  /** Ready records of each group at this level. */
  forEachGroup(visit: (groupId: string, ready: number) => void): void {
    for (const [groupId, fifo] of this.fifos) visit(groupId, fifo.size);
  }

  /** Adds a ready slot of `groupId` (at the front of its group for a reclaimed lease). */
  push(groupId: string, slot: number, front: boolean): void {
    let fifo = this.fifos.get(groupId);
    if (fifo === undefined) {
      fifo = new IntFifo();
      this.fifos.set(groupId, fifo);
      this.addTurn(groupId);
    }
    if (front) fifo.unshift(slot);
    else fifo.push(slot);
  }

  /** The next turn's group (removed from the order: give it back with addTurn if it keeps its place). */
  nextTurn(): string {
    const groupId = this.turns[this.head++] as string;
    if (this.head > 1024 && this.head * 2 > this.turns.length) {
      this.turns = this.turns.slice(this.head);
      this.head = 0;
    }
    return groupId;
  }

  addTurn(groupId: string): void {
    this.turns.push(groupId);
  }

  /** Takes the first slot of `groupId` (which has one); its turn comes again while it has more. */
  shiftFrom(groupId: string): number {
    const fifo = this.fifos.get(groupId) as IntFifo;
    const slot = fifo.shift();
    if (fifo.size > 0) this.addTurn(groupId);
    else this.fifos.delete(groupId);
    if (this.fifos.size === 0) this.clear();
    return slot;
  }

  /** Removes ready slot `slot` of `groupId`; a group left without ready records loses its turn. False when absent. */
  remove(groupId: string, slot: number): boolean {
    const fifo = this.fifos.get(groupId);
    if (fifo === undefined || !fifo.remove(slot)) return false;
    if (fifo.size > 0) return true;
    this.fifos.delete(groupId);
    this.dropTurn(groupId);
    if (this.fifos.size === 0) this.clear();
    return true;
  }

  /** Removes the waiting turn of `groupId`, if it has one. */
  dropTurn(groupId: string): void {
    const at = this.turns.indexOf(groupId, this.head);
    if (at >= 0) this.turns.splice(at, 1);
  }

  clear(): void {
    this.fifos.clear();
    this.turns = [];
    this.head = 0;
  }
}
