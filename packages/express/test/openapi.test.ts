import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { createTestApp } from './helpers/create-test-app.js';

describe('GET /openapi.json', () => {
  test('describes every endpoint of the router, including the enqueue routes with their body schema', async () => {
    const { app } = await createTestApp({ openapi: { title: 'Chat queue', paths: { '/demo': { post: { responses: { '200': { description: 'ok' } } } } } } });
    const { body } = await request(app).get('/api/queue/openapi.json').expect(200);
    expect(body.openapi).toBe('3.1.0');
    expect(body.info.title).toBe('Chat queue');
    expect(body.servers).toEqual([{ url: '/api/queue' }]);
    expect(Object.keys(body.paths).sort()).toEqual(
      ['/bindings', '/dead-letters/{queueName}', '/dead-letters/{queueName}/replay', '/demo', '/enqueue/chat', '/enqueue/proactive', '/health', '/purge/{queueName}', '/queues/{queueName}', '/size/{queueName}', '/stats',
        '/queues/{queueName}/messages', '/queues/{queueName}/messages/{id}', '/queues/{queueName}/search', '/queues/{queueName}/messages/replay', '/queues/{queueName}/messages/delete',
        '/queues/{queueName}/messages/promote', '/queues/{queueName}/messages/priority', '/queues/{queueName}/pause', '/queues/{queueName}/resume'].sort(),
    );
    const chat = body.paths['/enqueue/chat'].post;
    expect(chat.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['userId', 'conversationId', 'message'],
      properties: { priority: { type: 'integer', minimum: 1, maximum: 10 } },
    });
    expect(Object.keys(chat.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '404', '413', '415', '429', '503']));
    expect(body.components.schemas.QueueName.enum).toContain('chat_messages');
  });

  test('every $ref resolves inside the document', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/queue/openapi.json').expect(200);
    const refs = JSON.stringify(body).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const path = ref.slice(8, -1).replace(/^#\//, '').split('/');
      let node: unknown = body;
      for (const part of path) node = (node as Record<string, unknown>)[part];
      expect(node, ref).toBeDefined();
    }
  });

  test('uses a given JSON Schema when the validator has none', async () => {
    const { specRoutes } = await import('./helpers/spec-routes.js');
    const { app } = await createTestApp({ enqueueRoutes: { chat: { ...specRoutes.chat, jsonSchema: { type: 'object', title: 'Custom' } } } });
    const { body } = await request(app).get('/api/queue/openapi.json').expect(200);
    expect(body.paths['/enqueue/chat'].post.requestBody.content['application/json'].schema).toEqual({ type: 'object', title: 'Custom' });
  });
});
