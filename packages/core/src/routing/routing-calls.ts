import type { QueueProvider, RoutedEnqueue, RoutedEnqueueResult } from '../provider/queue-provider.js';
import type { BindingRecord, BindingsSnapshot } from '../provider/routing-records.js';
import type { ProviderGateway } from '../queue/provider-gateway.js';

type Routing = Required<Pick<QueueProvider, 'doEnqueueRouted' | 'doSaveBinding' | 'doRemoveBinding' | 'doListBindings'>>;

/** The provider's routing methods as the Router calls them, through the gateway (hooks, error mapping, open check). */
export class RoutingCalls {
  constructor(readonly gateway: ProviderGateway) {}

  enqueueRouted(targets: readonly RoutedEnqueue[], bindingsVersion: number): Promise<RoutedEnqueueResult> {
    const ids = targets.flatMap((t) => t.records);
    return this.gateway.routing('enqueueRouted', 'publish', ids, (p) => (p.doEnqueueRouted as Routing['doEnqueueRouted']).call(p, targets, { bindingsVersion }));
  }

  saveBinding(binding: BindingRecord): Promise<number> {
    return this.gateway.routing('saveBinding', 'bind', undefined, (p) => (p.doSaveBinding as Routing['doSaveBinding']).call(p, binding));
  }

  removeBinding(id: string): Promise<boolean> {
    return this.gateway.routing('removeBinding', 'unbind', undefined, (p) => (p.doRemoveBinding as Routing['doRemoveBinding']).call(p, id));
  }

  listBindings(operation: string): Promise<BindingsSnapshot> {
    return this.gateway.routing('listBindings', operation, undefined, (p) => (p.doListBindings as Routing['doListBindings']).call(p));
  }
}
