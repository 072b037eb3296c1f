import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { EnqueueRoute } from './queue-router-options.js';

/** Types `toMessage`'s body from the schema. Returns the route unchanged. */
export function defineEnqueueRoute<S extends StandardSchemaV1>(route: EnqueueRoute<S>): EnqueueRoute<S> {
  return route;
}
