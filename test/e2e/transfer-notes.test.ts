import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ptBR } from '../../src-renderer/lib/i18n/pt-br.js';
import { rawClient } from '../support/s3.js';
import { tempDir, waitFor } from '../support/transfer.js';
import { openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('notes on transfers in the transfers view', () => {
  const rig = e2eRig('e2e-notes');

  it('says, in the language of the page, that a key was saved under a safe name', async () => {
    await rawClient().send(
      new PutObjectCommand({ Bucket: rig.bucket.name, Key: '/etc/ferry-note.txt', Body: 'x' }),
    );
    const { ids } = await rig.server.engine.handlers()['transfers.download']({
      profileId: 'environment',
      bucket: rig.bucket.name,
      keys: ['/etc/ferry-note.txt'],
      base: '',
      folder: tempDir('e2e-notes'),
      conflict: 'keep-both',
    });
    expect((await waitFor(rig.server.engine, ids[0]!)).state).toBe('done');

    const english = await openPage(rig.browser, rig.server.url);
    await english.page
      .getByRole('navigation', { name: 'Ferry' })
      .getByRole('button', { name: 'Transfers' })
      .click();
    await english.page
      .getByRole('note')
      .getByText(
        'The key "/etc/ferry-note.txt" was saved as "etc/ferry-note.txt" inside the folder.',
      )
      .waitFor();
    expect(english.errors).toEqual([]);

    const portuguese = await openPage(rig.browser, rig.server.url, { locale: 'pt-BR' });
    await portuguese.page.getByRole('button', { name: ptBR['nav.transfers'] }).click();
    await portuguese.page
      .getByRole('note')
      .getByText(
        'A chave "/etc/ferry-note.txt" foi salva como "etc/ferry-note.txt" dentro da pasta.',
      )
      .waitFor();
    expect(portuguese.errors).toEqual([]);
  });
});
