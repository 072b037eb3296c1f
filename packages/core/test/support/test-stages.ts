import { StageFailure, type DecodeFailureReason, type PayloadStage } from '@mq/core';

/** A reversible byte transform with params: XOR with a key that decode() reads back from the header, not from its own config. */
export function xorStage(key: number, name = 'xor'): PayloadStage {
  return {
    name,
    encode: (body) => ({ body: body.map((b) => b ^ key), params: `k=${key}` }),
    decode: (body, params) => {
      const match = /^k=(\d+)$/.exec(params);
      if (match === null) throw new StageFailure('unknown-key', `no key in params ${JSON.stringify(params)}`);
      const stored = Number(match[1]);
      return body.map((b) => b ^ stored);
    },
  };
}

/** An async stage, as a key lookup makes one: reverses the bytes after a lookup that resolves later. */
export function asyncStage(name = 'reverse'): PayloadStage {
  const keys = new Map([['v1', true]]);
  const lookUp = async (id: string): Promise<boolean> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return keys.get(id) === true;
  };
  return {
    name,
    encode: async (body) => ((await lookUp('v1')) ? { body: body.slice().reverse(), params: 'v1' } : undefined),
    decode: async (body, params) => {
      if (!(await lookUp(params))) throw new StageFailure('unknown-key', `key ${params} is gone`);
      return body.slice().reverse();
    },
  };
}

/** Declines bodies shorter than `minBytes` (as compression does); longer ones get a marker byte in front. */
export function decliningStage(minBytes: number, name = 'marker'): PayloadStage {
  return {
    name,
    encode: (body) => {
      if (body.length < minBytes) return undefined;
      const out = new Uint8Array(body.length + 1);
      out[0] = 0xfe;
      out.set(body, 1);
      return { body: out, params: '' };
    },
    decode: (body) => {
      if (body[0] !== 0xfe) throw new StageFailure('corrupt', 'no marker byte');
      return body.subarray(1);
    },
  };
}

/** Confidential (as encryption is): its output hides the text of its input (every byte XOR 0x5a, then reversed). */
export function confidentialStage(name = 'seal'): PayloadStage {
  return {
    name,
    confidential: true,
    encode: (body) => ({ body: body.map((b) => b ^ 0x5a).reverse(), params: 'key-1' }),
    decode: (body) => body.slice().reverse().map((b) => b ^ 0x5a),
  };
}

/**
 * Leaves bodies as they are; its writer marks them `poison` or `ok` (params). Decoding a poisoned
 * body fails with `reason` (a StageFailure), or with a plain Error when reason is undefined.
 */
export function failingStage(name: string, reason: DecodeFailureReason | undefined, writes: 'poison' | 'ok'): PayloadStage {
  return {
    name,
    encode: (body) => ({ body, params: writes }),
    decode: (body, params) => {
      if (params !== 'poison') return body;
      throw reason === undefined ? new Error('bad bytes') : new StageFailure(reason, `cannot read (${reason})`);
    },
  };
}
