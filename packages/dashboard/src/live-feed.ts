import type { Clock, CompletedEvent, DeadLetterEvent, EnqueuedEvent, MessageQueue, TimerHandle } from '@mq/core';
import type { Response } from 'express';
import type { ActivityHistory } from './activity-history.js';

/** One thing that happened to a message, as the page's activity list shows it. */
export interface FeedEvent {
  readonly event: 'enqueued' | 'completed' | 'deadLetter';
  readonly queueName: string;
  readonly id: string;
  readonly type: string;
  readonly at: number;
}

/** Events are sent at most this often, in one batch: a burst of enqueues is one write per client. */
export const FLUSH_MS = 200;
/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** Per batch; the counts of a larger burst still arrive through the next overview read. */
const MAX_BATCH = 50;

/**
 * Listens to the queue's events for the dashboard's lifetime: counts them into the history and
 * pushes them as server-sent events (`event: activity`, data `{ events: FeedEvent[], dropped }`)
 * to every open stream. Live means what this process's queue emits (its enqueues, its consumers'
 * completions and dead letters); the page polls the stats as well, for the rest.
 */
export class LiveFeed {
  private readonly streams = new Set<Response>();
  private pending: FeedEvent[] = [];
  private dropped = 0;
  private flushTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private readonly detach: () => void;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(queue: MessageQueue<any>, private readonly history: ActivityHistory, private readonly clock: Clock) {
    const onEnqueued = ({ queueName, message }: EnqueuedEvent) => {
      history.enqueued(queueName);
      this.push({ event: 'enqueued', queueName, id: message.id, type: message.type, at: clock.now() });
    };
    const onCompleted = ({ queueName, message, durationMs }: CompletedEvent) => {
      history.completed(queueName, durationMs);
      this.push({ event: 'completed', queueName, id: message.id, type: message.type, at: clock.now() });
    };
    const onDeadLetter = ({ queueName, message }: DeadLetterEvent) => {
      history.deadLettered(queueName);
      this.push({ event: 'deadLetter', queueName, id: message.id, type: message.type, at: clock.now() });
    };
    queue.on('enqueued', onEnqueued);
    queue.on('completed', onCompleted);
    queue.on('deadLetter', onDeadLetter);
    this.detach = () => {
      queue.off('enqueued', onEnqueued);
      queue.off('completed', onCompleted);
      queue.off('deadLetter', onDeadLetter);
    };
  }

  /** Keeps `res` open as an event stream until the client goes away or close() is called. */
  open(res: Response): void {
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    // retry: how long the browser waits before it reconnects on its own.
    res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ at: this.clock.now() })}\n\n`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
    this.heartbeatTimer ??= this.clock.setTimeout(() => this.heartbeat(), HEARTBEAT_MS);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  close(): void {
    this.detach();
    if (this.flushTimer !== undefined) this.clock.clearTimeout(this.flushTimer);
    if (this.heartbeatTimer !== undefined) this.clock.clearTimeout(this.heartbeatTimer);
    this.flushTimer = this.heartbeatTimer = undefined;
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  private push(event: FeedEvent): void {
    if (this.streams.size === 0) return;
    if (this.pending.length < MAX_BATCH) this.pending.push(event);
    else this.dropped += 1;
    this.flushTimer ??= this.clock.setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const data = JSON.stringify({ events: this.pending, dropped: this.dropped });
    this.pending = [];
    this.dropped = 0;
    for (const res of this.streams) res.write(`event: activity\ndata: ${data}\n\n`);
  }

  private heartbeat(): void {
    this.heartbeatTimer = undefined;
    if (this.streams.size === 0) return;
    for (const res of this.streams) res.write(': heartbeat\n\n');
    this.heartbeatTimer = this.clock.setTimeout(() => this.heartbeat(), HEARTBEAT_MS);
  }
}
