export { createServer } from './server';
export type { CreateServerOptions, ServeLimits, SiltaServer } from './server';
export { startServe } from './start';
export type { StartServeOptions, RunningServe } from './start';
export { BodyTooLargeError, readBody } from './body';
