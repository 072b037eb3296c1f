import { packageBuild } from '../../tsup.base.js';

// The Lua scripts ship inlined as strings; tests load them through a small vitest plugin.
export default packageBuild(['src/index.ts'], { loader: { '.lua': 'text' } });
