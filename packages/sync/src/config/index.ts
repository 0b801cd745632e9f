export { defineConfig, connection, validateConfig, isConnection } from './define-config';
export { loadConfig, CONFIG_FILES } from './load-config';
export type { ConnectionInstance, ScheduleConfig, SiltaConfig } from './types';
