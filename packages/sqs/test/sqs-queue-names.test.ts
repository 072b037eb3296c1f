import { priorityLevelQueueName } from '@mq/core/provider';
import { describe, expect, test } from 'vitest';
import { parseSqsQueueName, sqsQueueNames } from '../src/index.js';

describe('SQS queue names', () => {
  test('map queue names one to one into [A-Za-z0-9_-], the dead-letter queue beside', () => {
    expect(sqsQueueNames('mq-', 'orders:mq-p5', false)).toEqual({ main: 'mq-orders_cmq-p5', deadLetters: 'mq-orders_cmq-p5_q', hashed: false });
    const names = ['a_b', 'a.b', 'a:b', 'a__b', 'a_q', 'ab'].map((name) => sqsQueueNames('p-', name, false).main);
    expect(new Set(names).size).toBe(6);
    for (const name of ['a_b', 'a.b', 'a:b', 'a__b', 'a_q', 'x.y:z_w']) {
      const { main, deadLetters } = sqsQueueNames('p-', name, false);
      expect(main).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
      expect(parseSqsQueueName('p-', main, false)).toEqual({ kind: 'main', queueName: name });
      expect(parseSqsQueueName('p-', deadLetters, false)).toEqual({ kind: 'deadLetters', queueName: name });
    }
  });

  test('a name too long for 80 characters keeps its start and a hash; FIFO names end in .fifo', () => {
    const long = priorityLevelQueueName('x'.repeat(121), 10);
    const { main, deadLetters, hashed } = sqsQueueNames('mq-', long, false);
    expect(hashed).toBe(true);
    expect(main.length).toBeLessThanOrEqual(80);
    expect(deadLetters.length).toBeLessThanOrEqual(80);
    expect(main).not.toBe(sqsQueueNames('mq-', priorityLevelQueueName('x'.repeat(121), 9), false).main);
    expect(parseSqsQueueName('mq-', main, false)).toEqual({ kind: 'hashed' });
    expect(sqsQueueNames('mq-', 'a', true).main).toBe('mq-a.fifo');
  });

  test('names of other apps under the prefix are not read as ours', () => {
    expect(parseSqsQueueName('mq-', 'other', false)).toBeUndefined();
    expect(parseSqsQueueName('mq-', 'mq-a_x', false)).toBeUndefined();
    expect(parseSqsQueueName('mq-', 'mq-a.fifo', false)).toBeUndefined();
  });
});
