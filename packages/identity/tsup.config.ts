import { packageConfig } from '../../tsup.config.base';
// The bulk path's helper thread runs dist/prepare-worker.js beside dist/index.js (see src/batch/prepare-helper.ts).
export default packageConfig(['src/index.ts'], { entry: { index: 'src/index.ts', 'prepare-worker': 'src/batch/prepare-worker.ts' } });
