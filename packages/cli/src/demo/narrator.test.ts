import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNarrator } from './narrator';

function capture(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { out, text: () => text };
}

describe('demo narration', () => {
  it('prints numbered steps and indented lines as plain text when colours are off (piped output)', () => {
    const { out, text } = capture();
    const say = createNarrator({ out, color: false });
    say.step(1, 'Anssi chats');
    say.say('pushed');
    say.detail('visitor vis-anssi');
    say.block('line a\nline b\n');
    expect(text()).toBe('\n1. Anssi chats\n   pushed\n     visitor vis-anssi\n     line a\n     line b\n');
    // eslint-disable-next-line no-control-regex
    expect(text()).not.toMatch(/\x1b\[/);
  });

  it('colours the step titles on a terminal', () => {
    const { out, text } = capture();
    createNarrator({ out, color: true }).step(2, 'email');
    // eslint-disable-next-line no-control-regex
    expect(text()).toMatch(/\x1b\[\d+m.*2\. email/);
  });
});
