import { jsonSerializer } from '../pipeline/json-serializer.js';
import type { PayloadSerializer } from '../pipeline/payload-stage.js';
import { jsonCodec } from './json-codec.js';
import type { PayloadCodec } from './payload-codec.js';

/** A codec (the codec/readCodecs options) as the serializer of a payload pipeline: the same name, the same text. */
export function serializerOfCodec(codec: PayloadCodec): PayloadSerializer {
  if (codec === jsonCodec) return jsonSerializer;
  return { name: codec.name, serialize: (payload) => codec.encode(payload), deserialize: (text) => codec.decode(text) };
}
