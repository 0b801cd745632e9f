// The rule the crash test delivers: a private note on every ticket opened with the tag "reklamaatio".
import { caseOpened } from '../src/rules/predicates';
import { route } from '../src/rules/route';
import { act, caseIdOf } from '../src/rules/steps';

export const CRASH_TAG = 'reklamaatio';

export const crashRules = [
  route('crash test: note complaints')
    .when(caseOpened({ tags: [CRASH_TAG], system: 'freshdesk' }))
    .deliver(act('helpdesk', 'addNote', (ctx) => ({ ticketId: Number(caseIdOf(ctx)), note: { body: '<p>Reklamaatio: käsittelyssä.</p>' } }))),
];
