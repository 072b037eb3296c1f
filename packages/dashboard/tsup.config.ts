import { packageBuild } from '../../tsup.base.js';

// shims: import.meta.url in the CJS build, which finds the client/ folder beside dist/.
export default packageBuild(['src/index.ts'], { shims: true });
