/**
 * The keys of the routing bindings under a prefix. Their hash tag `{@routing}` cannot be a queue's
 * (`@` is not allowed in queue names), so they never share a queue's keys; both share one slot,
 * so the binding scripts work on Redis Cluster.
 */
export interface RoutingKeys {
  /** Hash binding id -> binding text. */
  readonly bindings: string;
  /** String: the count of changes to the bindings (missing: 0). */
  readonly version: string;
}

export function routingKeys(prefix: string): RoutingKeys {
  return { bindings: `${prefix}:{@routing}:b`, version: `${prefix}:{@routing}:v` };
}
