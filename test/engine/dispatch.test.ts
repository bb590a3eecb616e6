import { describe, expect, it } from 'vitest';
import { commandNames, commands } from '../../src-shared/contract/index.js';
import { dispatch, type Handlers } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { FerryError } from '../../src-main/engine/errors.js';
import { silentLogger, type Logger } from '../../src-main/engine/logger.js';
import { testEngine } from '../support/engine.js';

async function engine(): Promise<Engine> {
  return testEngine();
}

describe('dispatch', () => {
  it('answers a valid command with its value', async () => {
    const result = await dispatch((await engine()).handlers(), 'app.info', {}, silentLogger);
    expect(result).toMatchObject({ ok: true, value: { face: 'serve' } });
  });

  it('refuses an unknown command with a hint', async () => {
    const result = await dispatch((await engine()).handlers(), 'fs.readFile', {}, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownCommand' } });
  });

  it('refuses inherited names that are not commands', async () => {
    const result = await dispatch((await engine()).handlers(), 'constructor', {}, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownCommand' } });
  });

  it.each([
    ['a number', 42],
    ['a string', 'x'],
    ['a missing field', {}],
    ['a wrong type', { profileId: 7 }],
    ['a hostile id', { profileId: '../../etc/passwd' }],
    ['an oversized id', { profileId: 'a'.repeat(10_000) }],
    ['an extra field', { profileId: 'environment', extra: true }],
  ])('rejects a buckets.list payload with %s', async (_label, payload) => {
    const result = await dispatch(
      (await engine()).handlers(),
      'buckets.list',
      payload,
      silentLogger,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidRequest');
      expect(result.error.message).toMatch(/^Invalid request for buckets\.list: /);
      expect(result.error.hint).not.toBe('');
    }
  });

  it('passes expected failures through with message, hint, message key and params', async () => {
    const result = await dispatch(
      (await engine()).handlers(),
      'buckets.list',
      { profileId: 'nope' },
      silentLogger,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ProfileNotFound',
        message: 'There is no connection profile named "nope".',
        hint: expect.stringContaining('Add a profile first') as string,
        key: 'profile.notFoundNone',
        params: { id: 'nope', known: '' },
      },
    });
  });

  it('hides unexpected failures behind a generic message and logs them', async () => {
    const logged: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      error: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    };
    const handlers = {
      ...(await engine()).handlers(),
      'app.info': async () => {
        throw new TypeError('secret internals at line 12');
      },
    } as Handlers;
    const result = await dispatch(handlers, 'app.info', {}, logger);
    expect(result).toMatchObject({ ok: false, error: { code: 'Internal' } });
    expect(JSON.stringify(result)).not.toContain('secret internals');
    expect(logged.join()).toContain('secret internals');
  });

  it('keeps FerryError codes, message keys and params from handlers', async () => {
    const handlers = {
      ...(await engine()).handlers(),
      'app.info': async () => {
        throw new FerryError('NoSuchBucket', 'gone', 'make it', {
          key: 'bucket.noSuch',
          params: { bucket: 'b' },
        });
      },
    } as Handlers;
    expect(await dispatch(handlers, 'app.info', {}, silentLogger)).toEqual({
      ok: false,
      error: {
        code: 'NoSuchBucket',
        message: 'gone',
        hint: 'make it',
        key: 'bucket.noSuch',
        params: { bucket: 'b' },
      },
    });
  });

  it('has a handler for every command in the contract', async () => {
    const handlers = (await engine()).handlers();
    expect(Object.keys(handlers).sort()).toEqual([...commandNames].sort());
    expect(commandNames.length).toBe(Object.keys(commands).length);
  });
});
