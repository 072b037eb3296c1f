import type { HandlerContext } from './subscription.js';

/**
 * A handler's context whose AbortSignal is made only if the handler reads it: most handlers never
 * do, and an AbortController per message is a measurable share of a fast consumer's time.
 */
export class DeliveryContext implements HandlerContext {
  private controller: AbortController | undefined;
  private aborted = false;
  private reason: unknown;

  constructor(readonly queueName: string) {}

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Aborts the signal (now, or as it is created if the handler reads it later). */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}
