/** doEnqueueRouted's condition (capabilities.routing): store only while the stored bindings are still at this version. */
export interface RoutedEnqueueOptions {
  readonly bindingsVersion: number;
}

/** A routing binding as a provider stores it: an id and opaque text (the core writes and reads both). */
export interface BindingRecord {
  readonly id: string;
  readonly data: string;
}

/** Every stored binding, and the version of that set (it grows with each change). */
export interface BindingsSnapshot {
  readonly version: number;
  readonly bindings: readonly BindingRecord[];
}
