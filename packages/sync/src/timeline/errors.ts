/**
 * The timeline could not be built: `TIMELINE_PERSON_NOT_FOUND` when nobody matches, `TIMELINE_INVALID_QUERY`
 * for an unusable email, phone or id.
 *
 * @example
 * catch (e) { if (e instanceof TimelineError && e.code === 'TIMELINE_PERSON_NOT_FOUND') console.log('no such customer'); }
 */
export class TimelineError extends Error {
  constructor(readonly code: 'TIMELINE_PERSON_NOT_FOUND' | 'TIMELINE_INVALID_QUERY', message: string) {
    super(message);
    this.name = 'TimelineError';
  }
}
