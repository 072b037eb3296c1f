import type { HandlerContext } from './subscribe-options.js';

/** How every DeliveryContext gets its `signal`: one shared accessor, an own enumerable property. */
let signalProperty: PropertyDescriptor;

/**
 * A handler's context. `queueName` and `signal` are own enumerable properties, so a copy
 * (`{ ...context }`, Object.assign) keeps both. The AbortSignal is made the first time something
 * reads it (a copy reads it): on Node 20 a signal costs about 2.3 µs, most of a fast consumer's
 * time per message (~2.8 µs), while the shared accessor costs about 0.1 µs and most handlers
 * never read it.
 */
export class DeliveryContext implements HandlerContext {
  declare readonly signal: AbortSignal;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;

  static {
    signalProperty = {
      enumerable: true,
      get(this: DeliveryContext): AbortSignal {
        return this.#signal();
      },
    };
  }

  constructor(readonly queueName: string) {
    Object.defineProperty(this, 'signal', signalProperty);
  }

  /** Aborts the signal (now, or as it is made if something reads it later). */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }

  #signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }
}
