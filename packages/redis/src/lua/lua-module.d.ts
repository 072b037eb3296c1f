/** A Lua script file, inlined as text by the build (tsup text loader) and by the test plugin. */
declare module '*.lua' {
  const source: string;
  export default source;
}
