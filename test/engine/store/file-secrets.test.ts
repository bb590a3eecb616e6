import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src-main/engine/store/file-secrets.js';
import { tempConfigDir } from '../../support/engine.js';

describe('the CLI secret file', () => {
  it('is created readable only by the user, and says where it is', async () => {
    const dir = tempConfigDir();
    const store = new FileSecretStore(dir);
    await store.set('lab', 's3cr3t');
    const file = path.join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.description).toBe(`a file readable only by you (mode 0600): ${file}`);
    expect(await new FileSecretStore(dir).get('lab')).toBe('s3cr3t');
  });

  it('tightens a file copied in with looser permissions', async () => {
    const dir = tempConfigDir();
    const file = path.join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ lab: 'x' }));
    chmodSync(file, 0o644);
    expect(await new FileSecretStore(dir).get('lab')).toBe('x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('forgets a removed secret on disk, keeping the others', async () => {
    const dir = tempConfigDir();
    const store = new FileSecretStore(dir);
    await store.set('a', 'one');
    await store.set('b', 'two');
    await store.delete('a');
    expect(JSON.parse(await readFile(path.join(dir, 'secrets.json'), 'utf8'))).toEqual({
      b: 'two',
    });
  });
});
