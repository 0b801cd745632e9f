import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { EmailError } from '../errors';

/** A throwaway Dovecot IMAP server on loopback. Any user name logs in with `password`. */
export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The temp folder holding config, state, logs and mail. */
  dir: string;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/usr/bin/dovecot'];

/**
 * The dovecot binary, or undefined when it is not installed.
 *
 * @example
 * if (!findDovecot()) console.warn('install dovecot-imapd to run the IMAP tests');
 */
export function findDovecot(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
  const found = onPath.status === 0 ? onPath.stdout.trim() : '';
  return found || CANDIDATES.find((c) => existsSync(c));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (d) => done(d.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
  });
}

function config(dir: string, port: number, password: string): string {
  const me = userInfo();
  const root = me.uid === 0;
  // As root Dovecot drops to the Debian package's dovecot/dovenull users and mail is owned by `mail`;
  // as anyone else everything runs as that user.
  const ids = root ? 'uid=mail gid=mail' : `uid=${me.uid} gid=${me.gid}`;
  const users = root ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\n`;
  return `# Throwaway configuration written by @silta/email/testing.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log/dovecot.log
info_log_path = ${dir}/log/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
${users}passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = ${ids} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
}

async function startOnce(binary: string, password: string): Promise<TestDovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'silta-dovecot-'));
  for (const sub of ['run', 'state', 'log', 'mail', 'home']) await mkdir(join(dir, sub), { recursive: true });
  // The mail user must reach and write these folders when Dovecot runs as root.
  await chmod(dir, 0o755);
  for (const sub of ['mail', 'home', 'state']) await chmod(join(dir, sub), 0o777);
  const port = await freePort();
  const file = join(dir, 'dovecot.conf');
  await writeFile(file, config(dir, port, password));
  const child: ChildProcess = spawn(binary, ['-F', '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  let exited = false;
  child.once('exit', () => { exited = true; });
  const deadline = Date.now() + 10_000;
  while (!(await greets(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGTERM');
      const log = await readFile(join(dir, 'log', 'dovecot.log'), 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      throw new EmailError('EMAIL_DOVECOT_UNAVAILABLE', `dovecot did not start: ${(stderr + log).trim().split('\n').slice(-3).join(' / ') || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'asiakaspalvelu',
    password,
    dir,
    stop: async function stop() {
      if (!exited) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
        if (!exited) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a real Dovecot IMAP server with a throwaway configuration: plaintext on 127.0.0.1 and a free
 * port, static passdb and userdb, maildir under a temp folder. Where Dovecot is not installed or cannot
 * start it resolves to undefined after printing why — unless `SILTA_REQUIRE_SERVICES=1`, when it throws.
 * `.ci/dovecot-install` installs it on Debian.
 *
 * @example
 * const imap = await startDovecot();
 * if (!imap) return; // skipped, with a message
 * // connect with { host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password } }
 * await imap.stop();
 */
export async function startDovecot(options: { password?: string; binary?: string } = {}): Promise<TestDovecot | undefined> {
  const binary = options.binary ?? findDovecot();
  let problem: string;
  if (!binary || !existsSync(binary)) {
    problem = 'dovecot is not installed (run .ci/dovecot-install, or apt-get install dovecot-imapd)';
  } else {
    try {
      return await startOnce(binary, options.password ?? 'silta-test-password');
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  if (process.env.SILTA_REQUIRE_SERVICES === '1') {
    throw new EmailError('EMAIL_DOVECOT_UNAVAILABLE', `${problem} (SILTA_REQUIRE_SERVICES=1 turns this skip into a failure)`);
  }
  console.warn(`skipping IMAP tests: ${problem}`);
  return undefined;
}
