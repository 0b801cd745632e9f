import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connection, defineConfig } from '../src/config/define-config';
import { loadConfig } from '../src/config/load-config';
import { fakeConnector, newSource } from './engine-fixtures';

const fake = () => connection(fakeConnector(newSource(1)), { label: 'x' });

describe('defineConfig', () => {
  it('returns the config unchanged when it is well formed', () => {
    const config = { store: '.silta/silta.db', connections: { helpdesk: fake() }, schedule: { every: '5 minutes' } };
    expect(defineConfig(config)).toBe(config);
  });

  it('names the field at fault', () => {
    expect(() => defineConfig({ store: '', connections: {} })).toThrow(/config.store must be a SQLite file path or a postgres:\/\/ URL/);
    expect(() => defineConfig({ store: 'x.db', connections: { 'help desk': fake() } })).toThrow(/config.connections.help desk name must not contain/);
    expect(() => defineConfig({ store: 'x.db', connections: { helpdesk: { apiKey: 'k' } as never } })).toThrow(/config.connections.helpdesk must be a connection/);
    expect(() => defineConfig({ store: 'x.db', connections: { helpdesk: { ...fake(), concurrency: 0 } } })).toThrow(/concurrency must be a whole number of at least 1, got 0/);
    expect(() => defineConfig({ store: 'x.db', connections: { helpdesk: { ...fake(), streams: ['orders'] } } })).toThrow(/names "orders", which fake does not have \(it has tickets, contacts\)/);
    expect(() => defineConfig({ store: 'x.db', connections: {}, schedule: { every: 'often' } })).toThrow(/config.schedule.every "often" is not an interval/);
    expect(() => defineConfig({ store: 'x.db', connections: {}, schedule: { streams: { 'helpdesk/tickets': '5 lightyears' } } })).toThrow(/helpdesk\/tickets/);
  });

  it('never puts a connection\'s API key into an error', () => {
    const bad = { ...connection(fakeConnector(newSource(1)), { label: 'x', apiKey: 'sekret-123' } as never), every: 'nope' };
    expect(() => defineConfig({ store: 'x.db', connections: { helpdesk: bad } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('sekret-123') }));
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'silta-config-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fixtures = resolve(import.meta.dirname, 'engine-fixtures.ts');
  const defineConfigPath = resolve(import.meta.dirname, '../src/config/define-config.ts');

  it('imports silta.config.ts from the working directory, TypeScript and all', async () => {
    writeFileSync(join(dir, 'silta.config.ts'), [
      `import { defineConfig, connection } from ${JSON.stringify(defineConfigPath)};`,
      `import { fakeConnector, newSource } from ${JSON.stringify(fixtures)};`,
      `const every: string = '10 minutes';`,
      `export default defineConfig({ store: 'db/silta.db', connections: { helpdesk: connection(fakeConnector(newSource(3)), { label: 'x' }) }, schedule: { every } });`,
    ].join('\n'));
    const { config, file } = await loadConfig(undefined, dir);
    expect(file).toBe(join(dir, 'silta.config.ts'));
    expect(config.store).toBe('db/silta.db');
    expect(Object.keys(config.connections)).toEqual(['helpdesk']);
    expect(config.schedule?.every).toBe('10 minutes');
  });

  it('says where it looked when there is no config file', async () => {
    await expect(loadConfig(undefined, dir)).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND', message: expect.stringContaining(`no silta.config.ts in ${dir}`) });
    await expect(loadConfig('nope.ts', dir)).rejects.toThrow(/config file nope.ts does not exist/);
  });

  it('names the file and the field when the config is wrong', async () => {
    writeFileSync(join(dir, 'silta.config.mjs'), `export default { store: 42, connections: {} };`);
    await expect(loadConfig(undefined, dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/silta\.config\.mjs: config\.store must be/) });
  });
});
