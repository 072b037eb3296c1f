import { ProblemError, queueErrorHandler } from '@mq/express';
import express, { type Express } from 'express';
import type { QueueService } from './queue-service.js';

/**
 * The one endpoint of a worker process: `GET /api/queue/health`, the same answer as the API's
 * (200, or 503 when the provider does not answer), for an orchestrator's health check. Every other
 * path is a 404 problem: a worker serves no API.
 */
export function createHealthApp(service: QueueService, onError: (error: unknown) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/queue/health', async (_req, res) => {
    const report = await service.messageQueue.health();
    res.status(report.healthy ? 200 : 503).json(report);
  });
  app.use((req) => {
    throw new ProblemError('not-found', `A worker (ROLE=worker) serves only GET /api/queue/health, not ${req.method} ${req.path}.`);
  });
  app.use(queueErrorHandler(onError));
  return app;
}
