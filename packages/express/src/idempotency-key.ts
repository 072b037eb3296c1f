import { createHash, randomBytes } from 'node:crypto';
import type { CreateMessageOptions } from '@mq/core';
import type { Request } from 'express';
import { ProblemError } from './problem.js';

/** How long a key is kept by default: 24 hours (the IETF httpapi Idempotency-Key draft's example). */
export const DEFAULT_IDEMPOTENCY_KEY_TTL_MS = 86_400_000;

/** Visible ASCII, 1–255 characters (the header is a structured-field string; we take the text as sent). */
const KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

/** The prefix of every message id the router makes for a keyed request: `ik.<body digest>.<random>`. */
const ID_PREFIX = 'ik.';

/** What an enqueue under an Idempotency-Key needs: the key's message options and how to read the answer. */
export interface IdempotentRequest {
  /** The id and deduplication of the message: a `ttl` hold on the key, its digest in the id. */
  readonly options: CreateMessageOptions;
  /** The first request's answer, from the id enqueue() resolved with: fresh, a replay, or a reuse with another body (422). */
  outcome(standingId: string): 'fresh' | 'replayed';
}

/**
 * Reads `Idempotency-Key` (undefined without it; 400 when malformed). The state lives in the queue,
 * so it holds across instances: the key becomes a `ttl` deduplication key (docs/deduplication.md)
 * held for `ttlMs`, and the message id carries a digest of route and body, so a later request with
 * the key learns from the standing id whether it repeats the first (same digest) or not.
 */
export function idempotentRequest(req: Request, scope: string, ttlMs: number, options: CreateMessageOptions | undefined): IdempotentRequest | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new ProblemError('invalid-header', 'Idempotency-Key must be 1–255 visible ASCII characters.', { extensions: { field: 'Idempotency-Key' } });
  }
  const digest = sha256(`${scope}\u0000${JSON.stringify(req.body)}`).slice(0, 22);
  const id = `${ID_PREFIX}${digest}.${randomBytes(9).toString('base64url')}`;
  const dedupKey = `idempotency-key:${sha256(key)}`;
  return {
    options: { ...options, id, deduplication: { key: dedupKey, mode: 'ttl', ttlMs } },
    outcome(standingId) {
      if (standingId === id) return 'fresh';
      if (standingId.startsWith(`${ID_PREFIX}${digest}.`)) return 'replayed';
      throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used with another request body; use a new key for a new request.', {
        extensions: { field: 'Idempotency-Key' },
      });
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
