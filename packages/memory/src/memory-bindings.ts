import type { BindingRecord, BindingsSnapshot } from '@mq/core/provider';

/** The routing bindings of an in-memory provider: in this process, by id, with a version that grows on every change. */
export class MemoryBindings {
  private readonly records = new Map<string, BindingRecord>();
  private current = 0;

  get version(): number {
    return this.current;
  }

  save(binding: BindingRecord): number {
    this.records.set(binding.id, { id: binding.id, data: binding.data });
    return ++this.current;
  }

  remove(id: string): boolean {
    if (!this.records.delete(id)) return false;
    this.current++;
    return true;
  }

  list(): BindingsSnapshot {
    return { version: this.current, bindings: [...this.records.values()] };
  }
}
