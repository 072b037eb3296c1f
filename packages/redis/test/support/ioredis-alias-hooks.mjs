// Module resolve hook for forked test workers (see ioredis-alias-register.mjs): "ioredis" is
// answered with the file given at registration (the ioredis 5 copy), everything else as usual.
let entryUrl;

export function initialize(data) {
  entryUrl = data.entryUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'ioredis') return { url: entryUrl, format: 'commonjs', shortCircuit: true };
  return nextResolve(specifier, context);
}
