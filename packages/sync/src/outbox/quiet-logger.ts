import type { Logger } from '@silta/kit';

/** Drops every line: the default when a caller passes no logger. */
export const quietLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {},
  child() { return quietLogger; },
};
