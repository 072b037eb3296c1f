// The spec's "Unit Tests" example, as written there, with imports pointed at our packages.
import { describe, expect, test } from 'vitest';
import { createInMemoryQueue } from '@mq/memory';

describe('Message Queue', () => {
  test('should process messages by priority', async () => {
    const queue = createInMemoryQueue();
    await queue.connect();

    // Test priority ordering
    const highPriorityMsg = queue.createMessage('test', { data: 'high' }, { priority: 9 });
    const lowPriorityMsg = queue.createMessage('test', { data: 'low' }, { priority: 3 });

    await queue.enqueue('test_queue', lowPriorityMsg);
    await queue.enqueue('test_queue', highPriorityMsg);

    const firstMsg = await queue.dequeue('test_queue');
    expect(firstMsg?.payload.data).toBe('high');
  });
});
