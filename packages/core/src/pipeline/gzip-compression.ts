import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import type { PayloadStage, StageOutput } from './payload-stage.js';
import { StageFailure } from './stage-failure.js';

export const GZIP_STAGE_NAME = 'gzip';
const DEFAULT_MIN_BYTES = 1024;
/** A stored body never inflates past this (a corrupt or hostile body cannot exhaust memory): 64 MiB. */
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface GzipCompressionOptions {
  /** Compress bodies of at least this many bytes (the serialized payload and, with encryption, the sealed metadata); default 1024. */
  readonly minBytes?: number;
  /** zlib level 1 (fastest) to 9 (smallest); default 6. */
  readonly level?: number;
  /** Refuse to inflate a body past this many bytes (read as corrupt); default 64 MiB. */
  readonly maxOutputBytes?: number;
}

/**
 * Gzip as a pipeline stage, before encryption. Runs only on bodies of at least `minBytes` and only
 * when the result is smaller (then the header names 'gzip'); otherwise it declines and the header
 * says nothing. Synchronous zlib: for payloads of kilobytes it is faster than the thread pool.
 */
export function gzipCompression(options: GzipCompressionOptions = {}): PayloadStage {
  if (typeof options !== 'object' || options === null) throw invalid('options', `Invalid gzipCompression() options ${describeValue(options)}: use { minBytes?, level? }.`);
  const minBytes = integer(options.minBytes, 'minBytes', 0, Number.MAX_SAFE_INTEGER, DEFAULT_MIN_BYTES);
  const level = integer(options.level, 'level', 1, 9, constants.Z_DEFAULT_COMPRESSION);
  const maxOutputLength = integer(options.maxOutputBytes, 'maxOutputBytes', 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_OUTPUT_BYTES);
  return Object.freeze({
    name: GZIP_STAGE_NAME,
    encode: (body: Uint8Array): StageOutput | undefined => {
      if (body.length < minBytes) return undefined;
      const packed = gzipSync(body, { level });
      return packed.length < body.length ? { body: packed, params: '' } : undefined;
    },
    decode: (body: Uint8Array): Uint8Array => {
      try {
        return gunzipSync(body, { maxOutputLength });
      } catch (error) {
        throw new StageFailure('corrupt', 'its compressed body does not inflate', { cause: error });
      }
    },
  });
}

function integer(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `Invalid gzipCompression() ${field} ${describeValue(value)}: use an integer from ${min} to ${max}.`);
  }
  return value;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field });
}
