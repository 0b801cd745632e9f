export { buildTimeline } from './build';
export type { Timeline, TimelineEntry, BuildTimelineOptions } from './build';
export { TimelineError } from './errors';
export { parsePersonQuery } from './lookup';
export type { PersonLookup } from './lookup';
export { formatTimeline } from './format';
export type { TimelineColors } from './format';
