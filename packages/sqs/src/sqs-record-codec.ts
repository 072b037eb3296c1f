import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { ValidationError } from '@mq/core/provider';

/**
 * How a record lives in an SQS message: the data as the body, and the rest as message attributes
 * (mq-id, mq-attempts: deliveries before this SQS message's own receives, mq-error: the last
 * error, mq-at: when it became available; dead letters add mq-failed-at). SQS takes only some
 * Unicode in bodies and attributes, and no empty ones: text outside that travels as base64 (mq-enc).
 */
export interface StoredRecord {
  readonly id: string;
  readonly data: string;
  /** Deliveries counted before this SQS message was sent (its receives add to them). */
  readonly attempts: number;
  readonly lastError?: string;
  readonly availableAt: number;
  readonly failedAt?: number;
}

/** SQS's longest message, body and attributes together (bytes). */
export const SQS_MAX_MESSAGE_BYTES = 262_144;
// Characters SQS accepts: #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF (the u flag rejects lone surrogates).
const SQS_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
// The same without #x10000–#x10FFFF, for a server that refuses those (fauxqs 1.9 does; AWS takes them).
const BMP_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]*$/;

/**
 * Which text a server takes as it is. AWS takes every character SQS documents; a server that
 * answers InvalidMessageContents for one outside the Basic Multilingual Plane (emoji) makes the
 * provider switch to BMP-only (base64 for the rest) for good.
 */
export class SqsTextRule {
  bmpOnly = false;

  plain(value: string): boolean {
    return (this.bmpOnly ? BMP_TEXT : SQS_TEXT).test(value);
  }
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
const num = (value: number): MessageAttributeValue => ({ DataType: 'Number', StringValue: String(value) });

/** The body and attributes of an SQS message holding `record`; throws MQ_INVALID_ARGUMENT when SQS cannot take it. */
export function encodeRecord(record: StoredRecord, rule: SqsTextRule): { body: string; attributes: Record<string, MessageAttributeValue> } {
  const plain = record.data !== '' && rule.plain(record.data);
  const body = plain ? record.data : record.data === '' ? '-' : Buffer.from(record.data, 'utf8').toString('base64');
  const attributes: Record<string, MessageAttributeValue> = { 'mq-id': text(record.id), 'mq-attempts': num(record.attempts), 'mq-at': num(record.availableAt) };
  if (!plain) attributes['mq-enc'] = text(record.data === '' ? 'empty' : 'b64');
  // '=' + text, or 'b' + base64: never empty, always valid.
  if (record.lastError !== undefined) attributes['mq-error'] = text(rule.plain(record.lastError) ? `=${record.lastError}` : `b${Buffer.from(record.lastError, 'utf8').toString('base64')}`);
  if (record.failedAt !== undefined) attributes['mq-failed-at'] = num(record.failedAt);
  const bytes = Buffer.byteLength(body) + Object.entries(attributes).reduce((n, [k, v]) => n + k.length + 6 + Buffer.byteLength(v.StringValue ?? ''), 0);
  if (bytes > SQS_MAX_MESSAGE_BYTES) {
    throw new ValidationError('MQ_INVALID_ARGUMENT', `Message ${record.id} is ${bytes} bytes as an SQS message; SQS takes at most ${SQS_MAX_MESSAGE_BYTES} (256 KiB) per message: store large payloads elsewhere (e.g. S3) and enqueue a reference.`, {
      field: 'payload',
      bytes,
      max: SQS_MAX_MESSAGE_BYTES,
    });
  }
  return { body, attributes };
}

/** Approximate SQS size of an encoded message (for splitting batches under SQS's 256 KiB per call). */
export function encodedBytes(encoded: { body: string; attributes: Record<string, MessageAttributeValue> }): number {
  return Buffer.byteLength(encoded.body) + Object.entries(encoded.attributes).reduce((n, [k, v]) => n + k.length + 6 + Buffer.byteLength(v.StringValue ?? ''), 0);
}

/** The record an SQS message holds, or undefined when it is not one of ours (no mq-id). */
export function decodeRecord(message: Message): StoredRecord | undefined {
  const attributes = message.MessageAttributes ?? {};
  const id = attributes['mq-id']?.StringValue;
  if (id === undefined) return undefined;
  const enc = attributes['mq-enc']?.StringValue;
  const raw = message.Body ?? '';
  const data = enc === 'empty' ? '' : enc === 'b64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const error = attributes['mq-error']?.StringValue;
  const lastError = error === undefined ? undefined : error.startsWith('b') ? Buffer.from(error.slice(1), 'base64').toString('utf8') : error.slice(1);
  const failedAt = attributes['mq-failed-at']?.StringValue;
  return {
    id,
    data,
    attempts: Number(attributes['mq-attempts']?.StringValue ?? 0),
    availableAt: Number(attributes['mq-at']?.StringValue ?? message.Attributes?.SentTimestamp ?? 0),
    ...(lastError === undefined ? {} : { lastError }),
    ...(failedAt === undefined ? {} : { failedAt: Number(failedAt) }),
  };
}

/** How often SQS has handed this message out (ApproximateReceiveCount), at least 1 for a received one. */
export function receiveCount(message: Message): number {
  const count = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
  return Number.isInteger(count) && count >= 1 ? count : 1;
}
