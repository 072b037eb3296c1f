import { createMessageQueue, isMqError } from '@mq/core';
import { describe, expect, test } from 'vitest';
import { createSqsProvider, mqProvider } from '../src/index.js';
import { startEmulator } from './support/emulator.js';

describe('@mq/sqs in the registry', () => {
  test('MESSAGE_QUEUE_PROVIDER=sqs finds it, with settings from the environment', async () => {
    const emulator = await startEmulator('fauxqs');
    const env = { MESSAGE_QUEUE_PROVIDER: 'sqs', SQS_ENDPOINT: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', MQ_SQS_PREFIX: `env${process.pid}-` };
    const saved = { ...process.env };
    // The SDK's default credential chain reads process.env.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    const queue = createMessageQueue({ env });
    try {
      await queue.connect();
      expect((await queue.health()).provider).toBe('sqs');
      await queue.enqueue('jobs', queue.createMessage('t', 'hello'));
      expect((await queue.dequeue('jobs'))?.payload).toBe('hello');
    } finally {
      await queue.disconnect();
      process.env = saved;
      await emulator.stop();
    }
  });

  test('bad settings fail with MQ_INVALID_CONFIG naming the variable, never echoing an endpoint', () => {
    const bad = (env: Record<string, string>, pattern: RegExp): void => {
      const error = (() => {
        try {
          mqProvider.create({ env, options: {} });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toSatisfy((e) => isMqError(e, 'MQ_INVALID_CONFIG'));
      expect((error as Error).message).toMatch(pattern);
    };
    bad({ MQ_SQS_PREFIX: 'no spaces' }, /MQ_SQS_PREFIX/);
    bad({ SQS_ENDPOINT: 'ftp://user:pw@host' }, /SQS_ENDPOINT: an http/);
    bad({ AWS_REGION: 'Not A Region' }, /AWS_REGION/);
    bad({ MQ_SQS_LONG_POLL_SECONDS: '30' }, /1 to 20/);
    bad({ MQ_SQS_FIFO: 'yes' }, /MQ_SQS_FIFO "yes": true/);
    expect(() => mqProvider.create({ env: {}, options: { nope: 1 } })).toThrow(/Unknown providerOptions.nope for sqs/);
    expect(() => createSqsProvider({ createQueues: 'yes' as unknown as boolean })).toThrow(/createQueues must be true or false/);
    // Another provider's option passes (one providerOptions object may serve whichever provider is chosen).
    expect(mqProvider.create({ env: {}, options: { url: 'redis://x' } }).name).toBe('sqs');
  });
});
