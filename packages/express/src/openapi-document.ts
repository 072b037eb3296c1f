import { ADMIN_SCHEMAS, adminPaths } from './openapi-admin.js';
import { openApiComponents } from './openapi-components.js';
import type { OpenApiOptions } from './openapi-options.js';
import type { EnqueueRoute, PublishRoute } from './queue-router-options.js';

type Operation = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (schema: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const queueParam = { $ref: '#/components/parameters/QueueName' };
const guarded = { '401': ref('Unauthorized'), '403': ref('Forbidden') };
const withBody = { '413': ref('PayloadTooLarge'), '415': ref('UnsupportedMediaType') };
const failing = { '400': ref('BadRequest'), ...guarded, '404': ref('NotFound'), '503': ref('Unavailable') };

/** OpenAPI 3.1 of the router: its fixed endpoints, the app's enqueue routes and any extra paths. */
export function buildOpenApiDocument(routes: Record<string, EnqueueRoute>, queueNames: readonly string[] | undefined, options: OpenApiOptions, serverUrl: string, metrics = false, publish?: PublishRoute): Record<string, unknown> {
  const idsBody = { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/IdsBody' } } } };
  const paths: Record<string, Record<string, Operation>> = {
    '/health': { get: { operationId: 'getHealth', summary: 'Provider health', responses: { '200': json('HealthReport', 'Healthy'), '503': json('HealthReport', 'Unhealthy') } } },
    '/stats': {
      get: {
        operationId: 'getStats',
        summary: "Statistics of this app's queues, of one with ?queueName=, or of every queue under the provider with ?all=true",
        parameters: [
          { name: 'queueName', in: 'query', required: false, schema: { $ref: '#/components/schemas/QueueName' } },
          { name: 'all', in: 'query', required: false, schema: { type: 'boolean' }, description: 'Every queue the provider stores (e.g. other apps under the same Redis key prefix), not only this app\'s' },
          {
            name: 'topGroups',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 1000 },
            description: 'With queueName, on a provider with fair groups: report this many groups with the most ready messages (groups)',
          },
          {
            name: 'partitions',
            in: 'query',
            required: false,
            schema: { type: 'boolean' },
            description: "With queueName: also report each partition's counts (partitions; one entry, partition 0, for a queue of one partition or a store without shards)",
          },
        ],
        responses: { '200': { description: 'QueueStats, or SingleQueueStats with queueName', content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/QueueStats' }, { $ref: '#/components/schemas/SingleQueueStats' }] } } } }, ...failing },
      },
    },
    '/size/{queueName}': { get: { operationId: 'getQueueSize', summary: 'Waiting messages (ready + delayed)', parameters: [queueParam], responses: { '200': json('QueueSize', 'Size'), ...failing } } },
    '/purge/{queueName}': { delete: { operationId: 'purgeQueue', summary: 'Remove all waiting and in-flight messages', parameters: [queueParam], responses: { '200': json('PurgeResult', 'Purged'), ...failing } } },
    '/queues/{queueName}': {
      delete: { operationId: 'deleteQueue', summary: 'Delete a queue entirely: its messages, dead letters and counters', parameters: [queueParam], responses: { '200': json('DeleteQueueResult', 'Deleted'), ...failing } },
    },
    '/dead-letters/{queueName}': {
      get: {
        operationId: 'listDeadLetters',
        summary: 'Dead letters, oldest first',
        parameters: [queueParam, { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
        responses: { '200': json('DeadLetterPage', 'Dead letters'), ...failing },
      },
      delete: { operationId: 'purgeDeadLetters', summary: 'Delete dead letters (all, or the ids given)', parameters: [queueParam], requestBody: idsBody, responses: { '200': json('PurgeResult', 'Purged'), ...failing, ...withBody } },
    },
    '/dead-letters/{queueName}/replay': {
      post: { operationId: 'replayDeadLetters', summary: 'Put dead letters back in the queue (all, or the ids given)', parameters: [queueParam], requestBody: idsBody, responses: { '200': json('ReplayResult', 'Replayed'), ...failing, ...withBody } },
    },
  };
  Object.assign(paths, adminPaths());
  if (metrics) {
    const text = { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } };
    paths['/metrics'] = { get: { operationId: 'getMetrics', summary: 'Metrics in the Prometheus exposition format', responses: { '200': text, ...guarded } } };
  }
  for (const [name, route] of Object.entries(routes)) {
    paths[`/enqueue/${name}`] = {
      post: {
        operationId: `enqueue_${name}`,
        summary: route.summary ?? `Enqueue on ${route.queueName}`,
        ...(route.description === undefined ? {} : { description: route.description }),
        parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(route) } } },
        responses: { '202': ref('Enqueued'), ...failing, ...withBody, '422': ref('IdempotencyKeyReused'), '429': ref('TooManyRequests') },
      },
    };
  }
  paths['/bindings'] = { get: { operationId: 'listBindings', summary: 'Routing bindings (pattern, queue, where), of every instance sharing the store', responses: { '200': json('BindingList', 'Bindings'), ...guarded, '503': ref('Unavailable') } } };
  if (publish !== undefined) {
    const topic = { name: 'topic', in: 'path', required: true, schema: { type: 'string', maxLength: 256, pattern: '^[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*$' } };
    const unroutable = { '422': { description: 'No binding takes the message (mandatory publish)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } };
    paths['/publish/{topic}'] = {
      post: {
        operationId: 'publish',
        summary: publish.summary ?? 'Publish a message to a topic: a copy goes to every bound queue',
        ...(publish.description === undefined ? {} : { description: publish.description }),
        parameters: [topic],
        requestBody: { required: true, content: { 'application/json': { schema: bodySchema(publish) } } },
        responses: { '202': json('PublishResult', 'Published'), ...failing, ...withBody, ...unroutable, '429': ref('TooManyRequests') },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title ?? '@mq queue API', version: options.version ?? '1.0.0', ...(options.description === undefined ? {} : { description: options.description }) },
    servers: [{ url: serverUrl }],
    paths: { ...paths, ...options.paths },
    components: withAdminSchemas(openApiComponents(queueNames)),
  };
}

function withAdminSchemas(components: Record<string, unknown>): Record<string, unknown> {
  return { ...components, schemas: { ...(components['schemas'] as Record<string, unknown>), ...ADMIN_SCHEMAS } };
}

/** The route's own JSON Schema, else the validator's (Standard JSON Schema, e.g. zod 4), else any object. */
function bodySchema(route: EnqueueRoute | PublishRoute): Record<string, unknown> {
  if (route.jsonSchema !== undefined) return route.jsonSchema;
  const converter = (route.body['~standard'] as { jsonSchema?: { input?: (options: { target: string }) => Record<string, unknown> } }).jsonSchema;
  if (typeof converter?.input === 'function') {
    try {
      const { $schema: _schema, ...schema } = converter.input({ target: 'draft-2020-12' });
      return schema;
    } catch {
      // Some schemas (transforms, custom checks) have no JSON Schema; fall through.
    }
  }
  return { type: 'object' };
}
