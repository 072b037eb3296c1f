import { ValidationError, validateQueueName } from '@mq/core';
import { checkBodyLimit } from './json-body.js';
import type { EnqueueRoute, QueueRouterOptions } from './queue-router-options.js';

export const ROUTE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalidConfig(message: string, field: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', `createQueueRouter: ${message}`, { field });
}

/**
 * Fails fast at start-up, before any route is mounted: a first argument that is not a queue is
 * MQ_INVALID_ARGUMENT, options the router could never serve MQ_INVALID_CONFIG (bad queue names
 * MQ_INVALID_QUEUE_NAME, as everywhere). `rateLimit` checks its own options.
 */
export function checkQueueRouterArguments(queue: unknown, options: unknown): asserts options is QueueRouterOptions {
  const looksLikeQueue = isObject(queue) && typeof queue.createMessage === 'function' && typeof queue.enqueue === 'function';
  if (!looksLikeQueue) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', 'createQueueRouter needs a MessageQueue (from createMessageQueue() or new MessageQueue()) as its first argument.', {
      field: 'queue',
    });
  }
  if (!isObject(options)) throw invalidConfig('options must be an object ({ queues, enqueueRoutes, authorize, … }) or left out.', 'options');
  const { queues, authorize, onError, bodyLimit, openapi } = options;
  if (queues !== undefined) {
    if (!Array.isArray(queues)) throw invalidConfig("options.queues must be an array of queue names, e.g. ['chat_messages'], or left out.", 'queues');
    queues.forEach((name, i) => validateQueueName(name, `queues[${i}]`));
  }
  if (authorize !== undefined && typeof authorize !== 'function') {
    throw invalidConfig('options.authorize must be a function (req, action, queueName) returning true, false or { status: 401 | 403 }.', 'authorize');
  }
  if (options.redactPayloads !== undefined && typeof options.redactPayloads !== 'boolean') throw invalidConfig('options.redactPayloads must be true, false or left out.', 'redactPayloads');
  if (onError !== undefined && typeof onError !== 'function') throw invalidConfig('options.onError must be a function (error, req) => void.', 'onError');
  if (bodyLimit !== undefined) checkBodyLimit(bodyLimit, 'bodyLimit', 'createQueueRouter: options.bodyLimit');
  if (openapi !== undefined && (!isObject(openapi) || (openapi.paths !== undefined && !isObject(openapi.paths)))) {
    throw invalidConfig('options.openapi must be an object { title?, version?, description?, paths?: { [path]: path item } }.', 'openapi');
  }
  const { metrics, idempotencyKeyTtlMs: ttl } = options;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 1)) {
    throw invalidConfig('options.idempotencyKeyTtlMs must be a whole number of ms >= 1 (default 86400000, 24 h).', 'idempotencyKeyTtlMs');
  }
  if (metrics !== undefined && !(isObject(metrics) && typeof metrics.metrics === 'function' && typeof metrics.contentType === 'string')) {
    throw invalidConfig('options.metrics must have metrics() and contentType: createPrometheusMetrics(queue) from @mq/prometheus, or a prom-client Registry.', 'metrics');
  }
  if (options.enqueueRoutes !== undefined && !isObject(options.enqueueRoutes)) {
    throw invalidConfig('options.enqueueRoutes must be an object of route name → defineEnqueueRoute({ … }).', 'enqueueRoutes');
  }
  const publish = options.publishRoute as unknown;
  if (publish !== undefined) {
    const route = isObject(publish) ? (publish as { body?: { '~standard'?: { validate?: unknown } }; toMessage?: unknown; mandatory?: unknown }) : undefined;
    if (route === undefined || typeof route.body?.['~standard']?.validate !== 'function' || typeof route.toMessage !== 'function' || (route.mandatory !== undefined && typeof route.mandatory !== 'boolean')) {
      throw invalidConfig('options.publishRoute must be { body: a Standard Schema validator, toMessage: (body, req, topic) => { type, payload, options? }, mandatory?: boolean }.', 'publishRoute');
    }
  }
}

/** Each enqueue route must be servable: a name for the URL, a schema, a toMessage and a queue the router accepts. */
export function checkEnqueueRoutes(routes: Record<string, EnqueueRoute>, known: ReadonlySet<string> | undefined): void {
  for (const [name, route] of Object.entries(routes)) {
    const field = `enqueueRoutes.${name}`;
    if (!ROUTE_NAME_PATTERN.test(name)) throw invalidConfig(`Enqueue route name ${JSON.stringify(name)} must match ${ROUTE_NAME_PATTERN.source}.`, 'enqueueRoutes');
    if (!isObject(route)) throw invalidConfig(`Enqueue route "${name}" must be an object: { queueName, body, toMessage }.`, field);
    if (typeof route.body?.['~standard']?.validate !== 'function') {
      throw invalidConfig(`Enqueue route "${name}" needs a Standard Schema validator as body (zod 4, valibot, arktype…).`, `${field}.body`);
    }
    if (typeof route.toMessage !== 'function') throw invalidConfig(`Enqueue route "${name}" needs a toMessage function: (body, req) => { type, payload, options? }.`, `${field}.toMessage`);
    validateQueueName(route.queueName, `${field}.queueName`);
    if (known !== undefined && !known.has(route.queueName)) {
      throw invalidConfig(`Enqueue route "${name}" targets queue "${route.queueName}", which is not in options.queues.`, `${field}.queueName`);
    }
  }
}
