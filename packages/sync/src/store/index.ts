export { openStore, DEFAULT_STORE_PATH } from './open';
export { openSqliteStore } from './sqlite';
export { openPostgresStore } from './postgres';
export { StoreError, redactSecrets } from './errors';
export { hashRecord, canonicalJson } from './hash';
export { storeMigrations, migrateToLatest } from './migrations';
export { createSqlIdentityStore } from './identity-store';
export type * from './types';
