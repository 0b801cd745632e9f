import { packageConfig } from '../../tsup.config.base';
// The SQLite writer and checkpoint threads' entries are files of their own beside the bundle
// (see src/store/sqlite-writer-client.ts).
export default packageConfig([], {
  entry: { index: 'src/index.ts', 'sqlite-writer': 'src/store/sqlite-writer.ts', 'sqlite-checkpointer': 'src/store/sqlite-checkpointer.ts' },
});
