import { isMqError, MessageQueue } from '@mq/core';
import { createLimitedProvider } from '@mq/memory/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The limited test provider keeps capabilities.admin off (the plain memory provider has it): every admin method refuses, naming it.
const queue = new MessageQueue({ provider: createLimitedProvider() });
beforeAll(() => queue.connect());
afterAll(() => queue.disconnect());

async function refusal(call: () => Promise<unknown>): Promise<{ code: string; capability: unknown; message: string }> {
  try {
    await call();
  } catch (error) {
    if (!isMqError(error)) throw error;
    return { code: error.code, capability: error.details['capability'], message: error.message };
  }
  throw new Error('expected a refusal');
}

describe('admin API without capabilities.admin', () => {
  it.each([
    ['listMessages', () => queue.listMessages('orders', { state: 'ready' })],
    ['getMessage', () => queue.getMessage('orders', 'm1')],
    ['searchMessages', () => queue.searchMessages('orders', { type: 't' })],
    ['replayMessages', () => queue.replayMessages('orders', { all: true })],
    ['deleteMessages', () => queue.deleteMessages('orders', { ids: ['m1'] })],
    ['promoteMessages', () => queue.promoteMessages('orders', { all: true })],
    ['changePriority', () => queue.changePriority('orders', { all: true }, 7)],
    ['pauseQueue', () => queue.pauseQueue('orders')],
    ['resumeQueue', () => queue.resumeQueue('orders')],
    ['isPaused', () => queue.isPaused('orders')],
  ])('%s fails with MQ_UNSUPPORTED naming capabilities.admin', async (operation, call) => {
    expect(await refusal(call)).toMatchObject({ code: 'MQ_UNSUPPORTED', capability: 'admin', message: expect.stringContaining(`${operation}()`) });
  });

  it('getStats of a queue shows no paused field where the provider cannot pause', async () => {
    expect(await queue.getStats('orders')).not.toHaveProperty('paused');
  });
});
