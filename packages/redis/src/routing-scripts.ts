import type { EnqueueRecord } from '@mq/core/provider';
import { script } from './lua-scripts.js';
import { enqueueRoutedLua, listBindingsLua, removeBindingLua, saveBindingLua } from './lua/lua-sources.js';
import type { RoutingKeys } from './routing-keys.js';
import type { ScriptCall } from './script-calls.js';
import type { ScriptQueue } from './script-keys.js';

/** The scripts of routing rules (src/lua), registered like the others. */
export const ROUTING_SCRIPTS = {
  enqueueRouted: script('enqueue_routed', enqueueRoutedLua),
  saveBinding: script('save_binding', saveBindingLua),
  removeBinding: script('remove_binding', removeBindingLua),
  listBindings: script('list_bindings', listBindingsLua),
} as const;

/** One target of enqueue-routed.lua: a queue and its one copy. */
export interface RoutedTarget {
  readonly queue: ScriptQueue;
  readonly record: EnqueueRecord;
}

/**
 * enqueue-routed.lua: each target's 16 keys (enqueue.lua's), then the version key when
 * `bindingsVersion` >= 0. Copies with the same data (the core serialises a plain publish once and
 * hands every copy the same string) send it once: each target names its data by index.
 */
export function enqueueRoutedCall(targets: readonly RoutedTarget[], now: number, bindingsVersion: number, keys: RoutingKeys): ScriptCall {
  const keyList: string[] = [];
  const argv: (string | number)[] = [now, bindingsVersion, targets.length];
  const data: string[] = [];
  for (const { queue, record } of targets) {
    for (const key of queue.keysOf.enqueue) keyList.push(key);
    // capabilities.binaryData is false: the core hands this provider text only.
    const text = record.data as string;
    // Compared with the previous copy's only: the same string object in the usual case (=== answers
    // without reading it); with stages every copy's differs and is sent.
    const index = data.length > 0 && data[data.length - 1] === text ? data.length : data.push(text);
    argv.push(queue.keys.wakeChannel, record.id, record.priority, Math.max(0, Math.ceil(record.delayMs)), index, queue.windowMs);
  }
  for (const text of data) argv.push(text);
  if (bindingsVersion >= 0) keyList.push(keys.version);
  return { script: ROUTING_SCRIPTS.enqueueRouted, keys: keyList, argv };
}

export function saveBindingCall(keys: RoutingKeys, id: string, data: string): ScriptCall {
  return { script: ROUTING_SCRIPTS.saveBinding, keys: [keys.bindings, keys.version], argv: [id, data] };
}

export function removeBindingCall(keys: RoutingKeys, id: string): ScriptCall {
  return { script: ROUTING_SCRIPTS.removeBinding, keys: [keys.bindings, keys.version], argv: [id] };
}

export function listBindingsCall(keys: RoutingKeys): ScriptCall {
  return { script: ROUTING_SCRIPTS.listBindings, keys: [keys.bindings, keys.version], argv: [] };
}
