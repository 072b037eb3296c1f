import * as core from '@mq/core';
import { createMessageQueue, type Subscription } from '@mq/core';
import { describe, expectTypeOf, it } from 'vitest';

describe('Subscription is a type: what subscribe() returns', () => {
  it('describes what users use', () => {
    const subscription = createMessageQueue().subscribe('q', () => undefined);
    expectTypeOf(subscription).toEqualTypeOf<Subscription>();
    expectTypeOf(subscription.close).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(subscription.queueName).toEqualTypeOf<string>();
    expectTypeOf(subscription.active).toEqualTypeOf<number>();
    expectTypeOf(subscription.closed).toEqualTypeOf<boolean>();
  });

  it('is no value: the class behind it stays internal', () => {
    // @ts-expect-error Subscription is exported as a type only
    const value: unknown = core.Subscription;
    void value;
  });
});
