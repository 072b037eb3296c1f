/** The admin routes' part of the OpenAPI document (admin-routes.ts): paths and their schemas. */
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (schema: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const queueParam = { $ref: '#/components/parameters/QueueName' };
const failing = { '400': ref('BadRequest'), '401': ref('Unauthorized'), '403': ref('Forbidden'), '404': ref('NotFound'), '501': ref('Unsupported'), '503': ref('Unavailable') };
const withBody = { '413': ref('PayloadTooLarge'), '415': ref('UnsupportedMediaType') };
const states = ['ready', 'delayed', 'processing', 'dead'];
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });
const limit = query('limit', { type: 'integer', minimum: 1, maximum: 1000 }, 'items per page (default 50)');
const cursor = query('cursor', { type: 'string' }, 'nextCursor of the previous page');
const integer = { type: 'integer', minimum: 0 };

const ACTIONS = {
  replay: 'Put dead letters back in the queue',
  delete: 'Delete waiting, delayed or dead messages',
  promote: 'Make delayed messages due now',
  priority: 'Change the priority of waiting and delayed messages',
} as const;

/** The paths of the admin routes, relative to the mount point. */
export function adminPaths(): Record<string, Record<string, Record<string, unknown>>> {
  const paths: Record<string, Record<string, Record<string, unknown>>> = {
    '/queues/{queueName}/messages': {
      get: {
        operationId: 'listMessages',
        summary: 'Stored messages in one state, with a cursor (queue.listMessages)',
        parameters: [queueParam, { name: 'state', in: 'query', required: true, schema: { type: 'string', enum: states } }, limit, cursor],
        responses: { '200': json('MessagePage', 'A page of messages'), ...failing },
      },
    },
    '/queues/{queueName}/messages/{id}': {
      get: {
        operationId: 'getMessage',
        summary: 'One stored message with its state, attempts, last error and times (queue.getMessage)',
        parameters: [queueParam, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json('MessageResult', 'The message'), ...failing, '404': ref('MessageNotFound') },
      },
    },
    '/queues/{queueName}/search': {
      get: {
        operationId: 'searchMessages',
        summary: 'Messages matching every given field, bounded by scanLimit records per call (queue.searchMessages)',
        parameters: [
          queueParam,
          ...['id', 'type', 'userId', 'conversationId'].map((name) => query(name, { type: 'string' }, `exact ${name}`)),
          query('text', { type: 'string' }, 'case-insensitive substring of the JSON payload'),
          query('state', { type: 'string' }, `comma-separated, of ${states.join(', ')} (default all)`),
          limit,
          query('scanLimit', { type: 'integer', minimum: 1 }, 'records looked at per call at most (default 10000)'),
          cursor,
        ],
        responses: { '200': json('SearchPage', 'Matches, and how many records were looked at'), ...failing },
      },
    },
  };
  for (const [name, summary] of Object.entries(ACTIONS)) {
    const body = name === 'priority' ? 'PriorityTargetBody' : 'TargetBody';
    paths[`/queues/{queueName}/messages/${name}`] = {
      post: {
        operationId: `${name}Messages`,
        summary: `${summary}: the ids given, those a filter matches, or all`,
        parameters: [queueParam],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } } },
        responses: { '200': json('ActionReport', 'What was done, per id'), ...failing, ...withBody },
      },
    };
  }
  for (const name of ['pause', 'resume']) {
    paths[`/queues/{queueName}/${name}`] = {
      post: {
        operationId: `${name}Queue`,
        summary: name === 'pause' ? 'Consumers on every instance stop taking; enqueues continue' : 'Consumers take again',
        parameters: [queueParam],
        responses: { '200': json('PausedResult', 'The queue and whether it is paused now'), ...failing },
      },
    };
  }
  return paths;
}

const filter = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    userId: { type: 'string' },
    conversationId: { type: 'string' },
    text: { type: 'string' },
    state: { oneOf: [{ type: 'string', enum: states }, { type: 'array', items: { type: 'string', enum: states } }] },
  },
};
const target = [
  { type: 'object', required: ['ids'], properties: { ids: { type: 'array', minItems: 1, items: { type: 'string' } } } },
  { type: 'object', required: ['filter'], properties: { filter } },
  { type: 'object', required: ['all'], properties: { all: { const: true } } },
];
const page = { queueName: { type: 'string' }, items: { type: 'array', items: { $ref: '#/components/schemas/MessageInfo' } }, nextCursor: { type: ['string', 'null'] } };

/** The schemas the admin paths refer to. */
export const ADMIN_SCHEMAS: Record<string, unknown> = {
  MessageInfo: {
    type: 'object',
    required: ['queueName', 'id', 'state', 'type', 'payload', 'priority', 'attempts', 'maxRetries', 'createdAt', 'availableAt', 'metadata'],
    properties: {
      queueName: { type: 'string' },
      id: { type: 'string' },
      state: { type: 'string', enum: states },
      type: { type: 'string' },
      payload: { description: 'null when it cannot be decoded (decodeError) or "[redacted]" under redactPayloads' },
      priority: { type: 'integer', minimum: 1, maximum: 10 },
      attempts: integer,
      maxRetries: integer,
      createdAt: { type: 'integer', description: 'epoch ms' },
      availableAt: { type: 'integer', description: 'epoch ms: when it became or becomes due' },
      metadata: { type: 'object' },
      groupId: { type: 'string' },
      leaseExpiresAt: { type: 'integer', description: 'processing only' },
      lastError: { type: 'object', description: 'the last failed attempt (name, message, code, at)' },
      error: { type: 'object', description: 'dead only' },
      failedAt: { type: 'integer', description: 'dead only' },
      decodeError: { type: 'object' },
    },
  },
  MessagePage: { type: 'object', required: ['queueName', 'items', 'nextCursor'], properties: page },
  SearchPage: { type: 'object', required: ['queueName', 'items', 'nextCursor', 'scanned', 'complete'], properties: { ...page, scanned: integer, complete: { type: 'boolean' } } },
  MessageResult: { type: 'object', required: ['queueName', 'message'], properties: { queueName: { type: 'string' }, message: { $ref: '#/components/schemas/MessageInfo' } } },
  TargetBody: { oneOf: target },
  PriorityTargetBody: { allOf: [{ oneOf: target }, { type: 'object', required: ['priority'], properties: { priority: { type: 'integer', minimum: 1, maximum: 10 } } }] },
  ActionReport: {
    type: 'object',
    required: ['queueName', 'results', 'done', 'notFound', 'wrongState'],
    properties: {
      queueName: { type: 'string' },
      results: { type: 'array', items: { type: 'object', required: ['id', 'outcome'], properties: { id: { type: 'string' }, outcome: { type: 'string', enum: ['done', 'not_found', 'wrong_state'] } } } },
      done: integer,
      notFound: integer,
      wrongState: integer,
    },
  },
  PausedResult: { type: 'object', required: ['queueName', 'paused'], properties: { queueName: { type: 'string' }, paused: { type: 'boolean' } } },
};
