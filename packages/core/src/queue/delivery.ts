import type { ReceivedMessage } from '../message/queue-message.js';
import { DeliveryContext } from './delivery-context.js';
import type { SubscriptionLane } from './subscription-lane.js';

/** One message being handled by a subscription: its handler's context, when it times out, and its lane. */
export class Delivery {
  readonly context: DeliveryContext;
  /** HandlerDeadlines' links (set here so that every Delivery has the same shape). */
  deadlineEarlier: Delivery | undefined = undefined;
  deadlineLater: Delivery | undefined = undefined;

  constructor(
    readonly message: ReceivedMessage,
    queueName: string,
    readonly deadline: number,
    readonly lane: SubscriptionLane,
  ) {
    this.context = new DeliveryContext(queueName);
  }
}
