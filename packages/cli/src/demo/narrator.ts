import pc from 'picocolors';

/** Prints the story: numbered steps, plain lines under them, evidence indented. */
export interface Narrator {
  step(n: number, title: string): void;
  say(line: string): void;
  detail(line: string): void;
  ok(line: string): void;
  /** The closing line, after a blank one. */
  done(line: string): void;
  /** A block printed as is (a timeline), indented. */
  block(text: string): void;
  /** Colours for formatters that take them (plain when colours are off). */
  readonly colors: { dim(t: string): string; bold(t: string): string; cyan(t: string): string };
}

/**
 * A narrator writing to `out`, with colours only when `color` is true (default: `out` is a TTY and
 * `NO_COLOR` is unset), so piped output and CI logs stay plain text.
 *
 * @example
 * const n = createNarrator({ out: process.stdout });
 * n.step(1, 'Anssi chats with the partner');
 */
export function createNarrator(options: { out?: NodeJS.WritableStream; color?: boolean } = {}): Narrator {
  const out = options.out ?? process.stdout;
  const tty = (out as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  const c = pc.createColors(options.color ?? tty);
  const write = (line: string) => out.write(`${line}\n`);
  return {
    colors: { dim: c.dim, bold: c.bold, cyan: c.cyan },
    step: function step(n, title) {
      write('');
      write(c.bold(c.cyan(`${n}. ${title}`)));
    },
    say: function say(line) {
      write(`   ${line}`);
    },
    detail: function detail(line) {
      write(c.dim(`     ${line}`));
    },
    ok: function ok(line) {
      write(`   ${c.green('✓')} ${line}`);
    },
    done: function done(line) {
      write('');
      write(`${c.green('✓')} ${c.bold(line)}`);
    },
    block: function block(text) {
      for (const line of text.replace(/\n$/, '').split('\n')) write(`     ${line}`);
    },
  };
}
