// @mq/redis imports its Lua scripts as text; these tests compile its source (@mq/source condition).
declare module '*.lua' {
  const source: string;
  export default source;
}
