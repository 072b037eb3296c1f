import { serializerOfCodec } from '../codec/codec-serializer.js';
import type { PayloadCodec } from '../codec/payload-codec.js';
import { ValidationError } from '../errors/validation-error.js';
import { describeValue } from '../message/validate.js';
import { jsonSerializer } from './json-serializer.js';
import type { PayloadSerializer, PayloadStage } from './payload-stage.js';

export interface PayloadPipelineOptions {
  /** Payload → text and back; default JSON. */
  serializer?: PayloadSerializer;
  /** Byte steps after the serializer, in the order they encode (e.g. compression, then encryption); default none. */
  stages?: readonly PayloadStage[];
}

/** How a queue turns payloads into stored data: serializer → UTF-8 bytes → each stage. Made by createPayloadPipeline(). */
export interface PayloadPipeline {
  readonly serializer: PayloadSerializer;
  readonly stages: readonly PayloadStage[];
}

/** A stage or serializer name as the header stores it: short and plain (e.g. 'gzip', 'aes-256-gcm'). */
const STEP_NAME = /^[A-Za-z0-9_.:+-]{1,64}$/;

/**
 * A payload pipeline for MessageQueueOptions.pipeline. Without stages, messages are stored in
 * today's text format (the default); with stages, in envelope v2 (docs/guide.md, "Payload pipeline").
 */
export function createPayloadPipeline(options: PayloadPipelineOptions = {}): PayloadPipeline {
  if (typeof options !== 'object' || options === null) throw invalid('options', `Invalid pipeline options ${describeValue(options)}: use { serializer?, stages? }.`);
  const serializer = options.serializer === undefined ? jsonSerializer : checkSerializer(options.serializer, 'serializer');
  const given: unknown = options.stages ?? [];
  if (!Array.isArray(given)) throw invalid('stages', `Invalid pipeline stages ${describeValue(given)}: use an array of stages.`);
  const names = new Set<string>();
  const stages = given.map((stage: unknown, index) => {
    const checked = checkStage(stage, `stages[${index}]`);
    if (names.has(checked.name)) throw invalid(`stages[${index}]`, `Two pipeline stages are named "${checked.name}": each stage needs its own name.`);
    names.add(checked.name);
    return checked;
  });
  return Object.freeze({ serializer, stages: Object.freeze(stages) });
}

/** What a MessageQueue runs: the pipeline option, or the codec/readCodecs options as serializers. */
export interface ResolvedPipeline {
  readonly writer: PayloadSerializer;
  /** Every serializer a record may name (the writer's included). */
  readonly readers: ReadonlyMap<string, PayloadSerializer>;
  readonly stages: readonly PayloadStage[];
  readonly stagesByName: ReadonlyMap<string, PayloadStage>;
  /** Some stage is confidential: metadata goes inside the body. */
  readonly confidential: boolean;
}

/** The encryption and compression options of a queue (a shorthand for a pipeline's stages). */
export interface StageOptions {
  readonly encryption?: unknown;
  readonly compression?: unknown;
}

export function resolvePipeline(pipeline: unknown, codec: PayloadCodec | undefined, readCodecs: readonly PayloadCodec[] | undefined, shorthand: StageOptions = {}): ResolvedPipeline {
  if (pipeline !== undefined && codec !== undefined) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'Set either options.pipeline or options.codec, not both: the pipeline\'s serializer is the codec.', { field: 'codec' });
  }
  const { encryption, compression } = shorthand;
  if (pipeline !== undefined && (encryption !== undefined || compression !== undefined)) {
    const field = encryption !== undefined ? 'encryption' : 'compression';
    throw invalid(field, `Set options.${field} or options.pipeline, not both: put the stage in the pipeline's stages (compression first), or drop the pipeline.`);
  }
  const stages = [
    ...(compression === undefined ? [] : [checkShorthand(compression, 'compression', false)]),
    ...(encryption === undefined ? [] : [checkShorthand(encryption, 'encryption', true)]),
  ];
  const resolved = pipeline === undefined ? (stages.length === 0 ? undefined : createPayloadPipeline({ stages })) : createPayloadPipeline(checkPipeline(pipeline));
  const writer = resolved?.serializer ?? (codec === undefined ? jsonSerializer : serializerOfCodec(codec));
  const readers = new Map<string, PayloadSerializer>();
  for (const read of readCodecs ?? []) readers.set(read.name, serializerOfCodec(read));
  readers.set(writer.name, writer);
  const used = resolved?.stages ?? [];
  return {
    writer,
    readers,
    stages: used,
    stagesByName: new Map(used.map((s) => [s.name, s])),
    confidential: used.some((s) => s.confidential === true),
  };
}

function checkPipeline(pipeline: unknown): PayloadPipelineOptions {
  if (typeof pipeline !== 'object' || pipeline === null) {
    throw invalid('pipeline', `Invalid options.pipeline ${describeValue(pipeline)}: use createPayloadPipeline({ serializer?, stages? }).`);
  }
  return pipeline as PayloadPipelineOptions;
}

function checkShorthand(value: unknown, field: 'encryption' | 'compression', confidential: boolean): PayloadStage {
  const stage = checkStage(value, field);
  if ((stage.confidential === true) !== confidential) {
    throw invalid(field, confidential ? `options.encryption must be an encryption stage such as aesGcmEncryption({ keys, activeKeyId }) (a confidential stage).` : `options.compression must be a compression stage such as gzipCompression({ minBytes }), not a confidential one (put that in options.encryption).`);
  }
  return stage;
}

function checkSerializer(value: unknown, field: string): PayloadSerializer {
  const s = value as Partial<PayloadSerializer> | null;
  if (typeof s !== 'object' || s === null || typeof s.serialize !== 'function' || typeof s.deserialize !== 'function') {
    throw invalid(field, `Invalid pipeline ${field} ${describeValue(value)}: use { name, serialize(payload), deserialize(text) }.`);
  }
  checkName(s.name, field);
  return s as PayloadSerializer;
}

function checkStage(value: unknown, field: string): PayloadStage {
  const s = value as Partial<PayloadStage> | null;
  if (typeof s !== 'object' || s === null || typeof s.encode !== 'function' || typeof s.decode !== 'function') {
    throw invalid(field, `Invalid pipeline stage ${describeValue(value)} at ${field}: use { name, encode(body, context), decode(body, params, context), confidential? }.`);
  }
  checkName(s.name, field);
  if (s.confidential !== undefined && typeof s.confidential !== 'boolean') throw invalid(`${field}.confidential`, `Stage "${s.name}": confidential must be true, false or left out.`);
  return s as PayloadStage;
}

function checkName(name: unknown, field: string): void {
  if (typeof name !== 'string' || !STEP_NAME.test(name)) {
    throw invalid(`${field}.name`, `Invalid ${field} name ${describeValue(name)}: use 1–64 characters from A-Z a-z 0-9 _ . : + -`);
  }
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError('MQ_INVALID_CONFIG', message, { field });
}
