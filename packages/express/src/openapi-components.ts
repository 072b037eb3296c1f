import { QUEUE_NAME_PATTERN } from '@mq/core';

const problemRef = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const integer = { type: 'integer', minimum: 0 };

const message = {
  type: 'object',
  required: ['id', 'type', 'payload', 'priority', 'createdAt', 'delayMs', 'availableAt', 'attempts', 'maxRetries', 'metadata'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    payload: {},
    priority: { type: 'integer', minimum: 1, maximum: 10 },
    createdAt: { type: 'integer', description: 'epoch ms' },
    delayMs: integer,
    availableAt: { type: 'integer', description: 'epoch ms' },
    attempts: integer,
    maxRetries: integer,
    metadata: {
      type: 'object',
      properties: { userId: { type: 'string' }, conversationId: { type: 'string' }, correlationId: { type: 'string' }, headers: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
};

const stats = {
  type: 'object',
  required: ['totalMessages', 'pendingMessages', 'processingMessages', 'completedMessages', 'failedMessages', 'avgProcessingTime', 'queues', 'provider', 'healthy'],
  properties: {
    totalMessages: integer,
    pendingMessages: integer,
    processingMessages: integer,
    completedMessages: integer,
    failedMessages: integer,
    avgProcessingTime: { type: 'number', description: 'mean ms from take to ack' },
    queues: { type: 'array', items: { type: 'string' } },
    provider: { type: 'string' },
    healthy: { type: 'boolean' },
  },
};

const partitionCounts = {
  type: 'object',
  required: ['totalMessages', 'pendingMessages', 'readyMessages', 'delayedMessages', 'processingMessages', 'completedMessages', 'failedMessages'],
  properties: { totalMessages: integer, pendingMessages: integer, readyMessages: integer, delayedMessages: integer, processingMessages: integer, completedMessages: integer, failedMessages: integer },
};

/** The parts of the OpenAPI document that do not depend on the router's options. */
export function openApiComponents(queueNames: readonly string[] | undefined): Record<string, unknown> {
  const queueNameSchema = queueNames === undefined ? { type: 'string', pattern: QUEUE_NAME_PATTERN.source } : { type: 'string', enum: [...queueNames] };
  return {
    schemas: {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details',
        required: ['type', 'title', 'status', 'detail', 'code'],
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, instance: { type: 'string' } },
      },
      QueueName: queueNameSchema,
      HealthReport: {
        type: 'object',
        required: ['healthy', 'provider', 'timestamp'],
        properties: { healthy: { type: 'boolean' }, provider: { type: 'string' }, timestamp: { type: 'string', format: 'date-time' } },
      },
      QueueStats: stats,
      SingleQueueStats: {
        allOf: [
          { $ref: '#/components/schemas/QueueStats' },
          { type: 'object', required: ['queueName', 'readyMessages', 'delayedMessages'], properties: {
              queueName: { type: 'string' },
              readyMessages: integer,
              delayedMessages: integer,
              oldestMessageAgeMs: { type: 'number', description: 'ms the oldest ready message has waited; absent when the provider cannot tell' },
              groups: {
                type: 'array',
                description: 'With ?topGroups=: the groups with the most ready messages, largest first',
                items: { type: 'object', required: ['groupId', 'waiting'], properties: { groupId: { type: 'string' }, waiting: integer } },
              },
              partitions: {
                type: 'array',
                description: "With ?partitions=true: each partition's counts, partition 0 first; the queue's totals are their sum",
                items: { type: 'object', required: ['partition', 'counts'], properties: { partition: integer, counts: partitionCounts } },
              },
            },
          },
        ],
      },
      QueueSize: { type: 'object', required: ['queueName', 'size'], properties: { queueName: { type: 'string' }, size: integer } },
      PurgeResult: { type: 'object', required: ['queueName', 'purged'], properties: { queueName: { type: 'string' }, purged: integer } },
      DeleteQueueResult: { type: 'object', required: ['queueName', 'deleted'], properties: { queueName: { type: 'string' }, deleted: { type: 'boolean', const: true } } },
      Message: message,
      DeadLetter: {
        allOf: [
          { $ref: '#/components/schemas/Message' },
          {
            type: 'object',
            required: ['queueName', 'error', 'failedAt'],
            properties: {
              queueName: { type: 'string' },
              failedAt: { type: 'integer', description: 'epoch ms' },
              error: { type: 'object', required: ['name', 'message'], properties: { name: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
            },
          },
        ],
      },
      DeadLetterPage: {
        type: 'object',
        required: ['queueName', 'offset', 'limit', 'deadLetters'],
        properties: { queueName: { type: 'string' }, offset: integer, limit: integer, deadLetters: { type: 'array', items: { $ref: '#/components/schemas/DeadLetter' } } },
      },
      IdsBody: { type: 'object', additionalProperties: false, properties: { ids: { type: 'array', items: { type: 'string' } } } },
      ReplayResult: {
        type: 'object',
        required: ['queueName', 'replayed', 'notFound'],
        properties: { queueName: { type: 'string' }, replayed: { type: 'array', items: { type: 'string' } }, notFound: { type: 'array', items: { type: 'string' } } },
      },
      PublishResult: {
        type: 'object',
        required: ['topic', 'messageId', 'messageIds', 'routedTo'],
        properties: { topic: { type: 'string' }, messageId: { type: 'string' }, messageIds: { type: 'array', items: { type: 'string' } }, routedTo: { type: 'array', items: { type: 'string' } } },
      },
      BindingList: {
        type: 'object',
        required: ['bindings'],
        properties: { bindings: { type: 'array', items: { type: 'object', required: ['pattern', 'queue'], properties: { pattern: { type: 'string' }, queue: { type: 'string' }, where: { type: 'object' } } } } },
      },
      EnqueueResult: { type: 'object', required: ['messageId', 'queueName'], properties: { messageId: { type: 'string' }, queueName: { type: 'string' } } },
    },
    parameters: {
      QueueName: { name: 'queueName', in: 'path', required: true, schema: { $ref: '#/components/schemas/QueueName' } },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description: 'Repeating a request with this key and the same body within 24 h (idempotencyKeyTtlMs) answers with the first response (Idempotent-Replayed: true) and enqueues nothing; another body answers 422.',
      },
    },
    responses: {
      BadRequest: problemRef('Malformed JSON, an invalid body, query or queue name'),
      Unauthorized: problemRef('Authentication required'),
      Forbidden: problemRef('Not allowed'),
      NotFound: problemRef('Unknown queue'),
      PayloadTooLarge: problemRef('Body over the limit'),
      UnsupportedMediaType: problemRef('Body is not JSON'),
      TooManyRequests: { ...problemRef('Rate limit reached'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } } },
      Unavailable: problemRef('Queue provider unavailable'),
      Unsupported: problemRef('The queue provider cannot do this (e.g. the admin API without capabilities.admin)'),
      MessageNotFound: problemRef('The queue holds no message with this id'),
      IdempotencyKeyReused: problemRef('Idempotency-Key reused with another body'),
      Enqueued: {
        description: 'Enqueued (or, with a repeated Idempotency-Key, the first request\'s answer)',
        headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] }, description: 'present when this answers a repeated Idempotency-Key' } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/EnqueueResult' } } },
      },
    },
  };
}
