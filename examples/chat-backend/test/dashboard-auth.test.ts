import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './helpers/start-test-backend.js';

/** In production the dashboard (page, assets, API, event stream) is behind QUEUE_ADMIN_TOKEN: Basic (browsers) or Bearer. */
describe('the dashboard at /dashboard, NODE_ENV=production', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ NODE_ENV: 'production', QUEUE_ADMIN_TOKEN: 'admin-secret', SOCKET_TOKEN_SECRET: 'socket-secret' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('asks for a login on every path, the assets and the event stream included', async () => {
    for (const path of ['/dashboard/', '/dashboard/assets/dashboard.js', '/dashboard/api/overview', '/dashboard/api/events']) {
      const response = await fetch(`${backend.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="queue-dashboard"/);
    }
    const wrong = await fetch(`${backend.url}/dashboard/`, { headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
  });

  it('lets in the token as a Basic password (any user name) or as a Bearer token', async () => {
    const basic = await fetch(`${backend.url}/dashboard/`, { headers: { authorization: `Basic ${Buffer.from('anyone:admin-secret').toString('base64')}` } });
    expect(basic.status).toBe(200);
    expect(await basic.text()).toContain('/dashboard/assets/dashboard.js');
    const bearer = await fetch(`${backend.url}/dashboard/api/overview`, { headers: { authorization: 'Bearer admin-secret' } });
    expect(bearer.status).toBe(200);
    expect(((await bearer.json()) as { queues: { queueName: string }[] }).queues.map((q) => q.queueName)).toContain('chat_messages');
  });
});
