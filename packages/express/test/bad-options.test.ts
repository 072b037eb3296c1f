import { MessageQueue, ValidationError, type MqErrorCode } from '@mq/core';
import { createInMemoryProvider } from '@mq/memory';
import { describe, expect, test } from 'vitest';
import { createQueueRouter, jsonBody, rateLimit, type QueueRouterOptions } from '../src/index.js';
import { specRoutes } from './helpers/spec-routes.js';

/** The error `run` throws (the test fails when it throws nothing). */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A ValidationError with `code` whose message matches `message` (what was wrong, and what is allowed). */
function expectRefusal(run: () => unknown, code: MqErrorCode, message: RegExp, field?: string): void {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ code, message: expect.stringMatching(message), ...(field === undefined ? {} : { details: expect.objectContaining({ field }) }) });
}

const queue = new MessageQueue({ provider: createInMemoryProvider() });
const router = (options: unknown) => () => createQueueRouter(queue, options as QueueRouterOptions);

describe('createQueueRouter refuses what it could never serve with MQ_INVALID_CONFIG (its options) or MQ_INVALID_ARGUMENT', () => {
  test('a first argument that is not a queue', () => {
    expectRefusal(() => createQueueRouter({} as never), 'MQ_INVALID_ARGUMENT', /needs a MessageQueue/, 'queue');
    expectRefusal(() => createQueueRouter(undefined as never), 'MQ_INVALID_ARGUMENT', /needs a MessageQueue/, 'queue');
  });

  test('options that are not an object', () => {
    expectRefusal(router(null), 'MQ_INVALID_CONFIG', /options must be an object/, 'options');
    expectRefusal(router('queues'), 'MQ_INVALID_CONFIG', /options must be an object/, 'options');
  });

  test('queues that are not an array of queue names', () => {
    expectRefusal(router({ queues: 'chat_messages' }), 'MQ_INVALID_CONFIG', /queues must be an array of queue names/, 'queues');
    expectRefusal(router({ queues: ['chat_messages', 'bad name'] }), 'MQ_INVALID_QUEUE_NAME', /Invalid queue name "bad name" in queues\[1\]/, 'queues[1]');
  });

  test('hooks that are not functions', () => {
    expectRefusal(router({ authorize: true }), 'MQ_INVALID_CONFIG', /authorize must be a function/, 'authorize');
    expectRefusal(router({ onError: console }), 'MQ_INVALID_CONFIG', /onError must be a function/, 'onError');
    expectRefusal(router({ redactPayloads: 'yes' as unknown as boolean }), 'MQ_INVALID_CONFIG', /redactPayloads must be true, false or left out/, 'redactPayloads');
  });

  test('a body limit body-parser cannot read', () => {
    expectRefusal(router({ bodyLimit: 'lots' }), 'MQ_INVALID_CONFIG', /bodyLimit must be a number of bytes >= 0 or a size such as '1mb'.*not "lots"/, 'bodyLimit');
    expectRefusal(router({ bodyLimit: -1 }), 'MQ_INVALID_CONFIG', /bodyLimit must be a number of bytes >= 0.*not -1/, 'bodyLimit');
    expectRefusal(router({ bodyLimit: { mb: 1 } }), 'MQ_INVALID_CONFIG', /bodyLimit must be .*not an object/, 'bodyLimit');
    expect(() => createQueueRouter(queue, { bodyLimit: '64kb' })).not.toThrow();
    expect(() => createQueueRouter(queue, { bodyLimit: 2048 })).not.toThrow();
  });

  test('openapi options that are not an object', () => {
    expectRefusal(router({ openapi: 'Chat API' }), 'MQ_INVALID_CONFIG', /openapi must be an object/, 'openapi');
  });

  test('enqueue routes it could never serve', () => {
    const chat = specRoutes.chat;
    expectRefusal(router({ enqueueRoutes: [chat] }), 'MQ_INVALID_CONFIG', /enqueueRoutes must be an object/, 'enqueueRoutes');
    expectRefusal(router({ enqueueRoutes: { chat: null } }), 'MQ_INVALID_CONFIG', /Enqueue route "chat" must be an object/, 'enqueueRoutes.chat');
    expectRefusal(router({ enqueueRoutes: { 'bad name': chat } }), 'MQ_INVALID_CONFIG', /route name "bad name" must match/, 'enqueueRoutes');
    expectRefusal(router({ enqueueRoutes: { chat: { ...chat, body: {} } } }), 'MQ_INVALID_CONFIG', /Standard Schema/, 'enqueueRoutes.chat.body');
    expectRefusal(router({ enqueueRoutes: { chat: { ...chat, toMessage: 'chat_message' } } }), 'MQ_INVALID_CONFIG', /needs a toMessage function/, 'enqueueRoutes.chat.toMessage');
    expectRefusal(router({ enqueueRoutes: { chat: { ...chat, queueName: 'no way' } } }), 'MQ_INVALID_QUEUE_NAME', /Invalid queue name "no way"/);
    expectRefusal(
      router({ queues: ['agent_responses'], enqueueRoutes: { chat } }),
      'MQ_INVALID_CONFIG',
      /targets queue "chat_messages", which is not in options.queues/,
      'enqueueRoutes.chat.queueName',
    );
  });

  test('a rate limit it cannot apply', () => {
    expectRefusal(router({ rateLimit: { max: 0 } }), 'MQ_INVALID_CONFIG', /max must be an integer >= 1/, 'rateLimit.max');
  });
});

describe('rateLimit and jsonBody refuse bad options with MQ_INVALID_CONFIG', () => {
  test('rateLimit', () => {
    expectRefusal(() => rateLimit(undefined as never), 'MQ_INVALID_CONFIG', /rateLimit needs options/, 'rateLimit');
    expectRefusal(() => rateLimit({ max: 1.5 }), 'MQ_INVALID_CONFIG', /rateLimit: max must be an integer >= 1/, 'rateLimit.max');
    expectRefusal(() => rateLimit({ max: 5, windowMs: 0 }), 'MQ_INVALID_CONFIG', /rateLimit: windowMs must be an integer >= 1/, 'rateLimit.windowMs');
    expectRefusal(() => rateLimit({ max: 5, key: 'ip' as never }), 'MQ_INVALID_CONFIG', /rateLimit: key must be a function/, 'rateLimit.key');
    expectRefusal(() => rateLimit({ max: 5, clock: { now: 0 } as never }), 'MQ_INVALID_CONFIG', /rateLimit: clock must be a Clock/, 'rateLimit.clock');
  });

  test('jsonBody', () => {
    expectRefusal(() => jsonBody(null as never), 'MQ_INVALID_CONFIG', /jsonBody options must be an object/, 'jsonBody');
    expectRefusal(() => jsonBody({ limit: '1 megabyte' }), 'MQ_INVALID_CONFIG', /jsonBody: limit must be a number of bytes >= 0 or a size such as '1mb'/, 'jsonBody.limit');
    expectRefusal(() => jsonBody({ required: 'yes' as never }), 'MQ_INVALID_CONFIG', /jsonBody: required must be true or false/, 'jsonBody.required');
    expectRefusal(() => jsonBody({ limit: '1mb;' }), 'MQ_INVALID_CONFIG', /jsonBody: limit must be/, 'jsonBody.limit');
    for (const limit of ['10kb', '1.5MB', '512', 0, 4096]) expect(() => jsonBody({ limit, required: false })).not.toThrow();
  });
});
