import { MqError } from '../errors/mq-error.js';
import type { ReceivedMessage } from '../message/queue-message.js';
import type { HandlerContext, MessageHandler } from '../queue/subscribe-options.js';
import type { HandlerRunInfo, Instrumentation } from './instrumentation.js';
import type { InstrumentationRegistry } from './instrumentation-registry.js';

/**
 * Runs a subscription's handler once, inside every aroundHandler hook (the first registered
 * outermost). Without hooks this is the handler call itself, with a synchronous throw turned into a
 * rejection. The run's outcome is always the handler's: a hook that throws, swallows the handler's
 * error or never calls run() is reported on the queue's 'error' event and changes nothing else.
 */
export function runHandler(registry: InstrumentationRegistry, handler: MessageHandler, message: ReceivedMessage, context: HandlerContext): Promise<void> {
  const hooks = registry.handlerRuns;
  if (hooks === undefined) return callHandler(handler, message, context);
  return aroundAll(hooks, 0, { queueName: message.queueName, message }, () => callHandler(handler, message, context), registry.report);
}

function callHandler(handler: MessageHandler, message: ReceivedMessage, context: HandlerContext): Promise<void> {
  try {
    // Promise.resolve() of a promise is that promise: no extra promise for an async handler.
    return Promise.resolve(handler(message, context));
  } catch (error) {
    return Promise.reject(error);
  }
}

function aroundAll(hooks: readonly Instrumentation[], index: number, info: HandlerRunInfo, handler: () => Promise<void>, report: (error: unknown) => void): Promise<void> {
  const hook = hooks[index];
  if (hook === undefined) return handler();
  return aroundOne(hook, info, () => aroundAll(hooks, index + 1, info, handler, report), report);
}

async function aroundOne(hook: Instrumentation, info: HandlerRunInfo, next: () => Promise<void>, report: (error: unknown) => void): Promise<void> {
  let inner: Promise<void> | undefined;
  // run() runs the rest once; a second call gets the same promise.
  const run = (): Promise<void> => (inner ??= next());
  try {
    await hook.aroundHandler?.(info, run);
  } catch (error) {
    if (inner === undefined) {
      report(error);
      return run();
    }
    // The handler's own failure, passed on by the hook, is the run's outcome; anything else is the hook's.
    const failure = await inner.then(
      () => undefined,
      (handlerError: unknown) => handlerError,
    );
    if (failure !== error) report(error);
  }
  if (inner === undefined) {
    report(new MqError('MQ_INVALID_ARGUMENT', `An aroundHandler hook returned without calling run() for message "${info.message.id}" in queue "${info.queueName}": the handler ran without it.`, {
      details: { queueName: info.queueName, messageId: info.message.id },
    }));
    return run();
  }
  return inner;
}
