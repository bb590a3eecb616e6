import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempConfigDir, testProfile } from '../support/engine.js';
import { createTestBucket, gateway, gatewayEnv, keysOf, rawClient } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { figure, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/**
 * The Migration screen, from a bucket of the test server to a bucket of the other server when both run
 * (a second connection: copies stream through Ferry), else to a second bucket of the same server.
 */
describe('the Migration screen', () => {
  const rig = e2eRig('e2e-migsrc');
  const peer = inject('peer');
  const target = { profileId: 'environment', bucket: '', client: rawClient() };
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const s3 = rawClient();
    for (const name of ['a.txt', 'b.txt', 'sub/c.txt']) {
      await s3.send(
        new PutObjectCommand({ Bucket: rig.bucket.name, Key: `docs/${name}`, Body: name }),
      );
    }
    if (peer) {
      target.client = new S3Client({
        endpoint: peer.endpoint,
        region: peer.region,
        forcePathStyle: true,
        credentials: { accessKeyId: peer.accessKey, secretAccessKey: peer.secretKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      target.bucket = `t-e2e-migpeer-${gateway().kind}-${Date.now().toString(36)}`;
      await target.client.send(new CreateBucketCommand({ Bucket: target.bucket }));
      await rig.server.engine.profiles.put(
        testProfile(peer.endpoint, { id: 'peer', name: 'Peer', accessKeyId: peer.accessKey }),
        peer.secretKey,
      );
      target.profileId = 'peer';
      cleanup = async () => {
        // One by one: Swift refuses a DeleteObjects without Content-MD5.
        for (const key of await keysOf(target.client, target.bucket)) {
          await target.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key }));
        }
        await target.client.send(new DeleteBucketCommand({ Bucket: target.bucket }));
      };
    } else {
      const second = await createTestBucket('e2e-migdst');
      target.bucket = second.name;
      cleanup = second.remove;
    }
  });
  afterAll(() => cleanup?.());

  it('plans, copies with progress, and reports; a second plan finds everything there', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    await page.getByRole('button', { name: 'Migration' }).click();
    await page.getByRole('heading', { name: 'Migration' }).waitFor();
    const from = page.getByRole('group', { name: 'From' });
    const to = page.getByRole('group', { name: 'To' });
    await from.getByLabel('Bucket').locator(`option[value="${rig.bucket.name}"]`).waitFor({
      state: 'attached',
    });
    await from.getByLabel('Bucket').selectOption(rig.bucket.name);
    await from.getByLabel('Folder (prefix, optional)').fill('docs/');
    await to.getByLabel('Connection').selectOption(target.profileId);
    await to.getByLabel('Bucket').locator(`option[value="${target.bucket}"]`).waitFor({
      state: 'attached',
    });
    await to.getByLabel('Bucket').selectOption(target.bucket);
    await to.getByLabel('Folder (prefix, optional)').fill('copy/');

    // Mirror deletes are an opt-in that warns before anything is planned.
    await page.getByLabel('Also delete at the destination what the source does not have').check();
    await page
      .getByRole('note')
      .getByText(/deleted for good/)
      .waitFor();
    await page.getByLabel('Also delete at the destination what the source does not have').uncheck();

    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Plan' }).click();
    const plan = page.getByRole('region', { name: 'What the migration would do' });
    await plan.waitFor();
    expect(await figure(plan, 'To copy')).toBe('3');
    expect(await figure(plan, 'Size to copy')).toBe('19 B');
    const actions = plan.getByRole('list', { name: 'First actions' });
    await actions.getByText('docs/sub/c.txt').waitFor();
    expect(await actions.getByRole('listitem').count()).toBe(3);
    expect(await keysOf(target.client, target.bucket)).toEqual([]);
    await snap(page, 'migration-plan-en');

    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('status').getByText('Done').waitFor({ timeout: 20_000 });
    const run = page.getByRole('region', { name: /→/ });
    expect(await figure(run, 'Copied')).toBe('3');
    expect(await figure(run, 'Failed')).toBe('0');
    await page.getByText('3 of 3 objects').waitFor();
    expect(await keysOf(target.client, target.bucket)).toEqual([
      'copy/a.txt',
      'copy/b.txt',
      'copy/sub/c.txt',
    ]);
    await snap(page, 'migration-report-en');

    await page.getByRole('button', { name: 'New migration' }).click();
    await page.getByRole('button', { name: 'Plan' }).click();
    await plan.getByText('Nothing to do: the destination already has everything.').waitFor();
    expect(await figure(plan, 'Already there')).toBe('3');
    expect(errors).toEqual([]);
  });

  it('speaks Portuguese', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/migration`, {
      locale: 'pt-BR',
    });
    await page.getByRole('heading', { name: 'Migração' }).waitFor();
    const from = page.getByRole('group', { name: 'De' });
    await from.getByLabel('Bucket').locator(`option[value="${rig.bucket.name}"]`).waitFor({
      state: 'attached',
    });
    await from.getByLabel('Bucket').selectOption(rig.bucket.name);
    await from.getByLabel('Pasta (prefixo, opcional)').fill('docs/');
    const to = page.getByRole('group', { name: 'Para' });
    await to.getByLabel('Conexão').selectOption(target.profileId);
    await to.getByLabel('Bucket').locator(`option[value="${target.bucket}"]`).waitFor({
      state: 'attached',
    });
    await to.getByLabel('Bucket').selectOption(target.bucket);
    await to.getByLabel('Pasta (prefixo, opcional)').fill('pt/');
    await page.getByLabel('Também apagar no destino o que a origem não tem').check();
    await page.getByRole('button', { name: 'Planejar' }).click();
    await page.getByRole('region', { name: 'O que a migração faria' }).waitFor();
    await snap(page, 'migration-plan-pt-br');
    await page.getByRole('button', { name: 'Iniciar' }).click();
    await page.getByRole('status').getByText('Concluída').waitFor({ timeout: 20_000 });
    await snap(page, 'migration-report-pt-br');
    expect(errors).toEqual([]);
  });
  it('shows a migration Ferry stopped in the middle of, and sets the form to start it again', async () => {
    // What a Ferry killed mid-copy leaves in its configuration folder.
    const configDir = tempConfigDir();
    const side = (prefix: string) => ({
      profileId: 'environment',
      bucket: rig.bucket.name,
      prefix,
    });
    const cut = {
      id: 'cut-off-run',
      request: {
        source: side('docs/'),
        target: side('restored/'),
        mirror: false,
        confirmDeletes: false,
      },
      state: 'copying',
      plan: {
        copies: 3,
        copyBytes: 19,
        deletes: 0,
        deletesHeldBack: 0,
        unchanged: 0,
        skips: 0,
        sample: [],
      },
      done: { copies: 1, bytes: 5, deletes: 0, failed: 0 },
      failures: [],
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    await writeFile(path.join(configDir, 'migrations.json'), JSON.stringify({ migrations: [cut] }));
    const server = await startTestServer(gatewayEnv(), { configDir });
    try {
      const { page, errors } = await openPage(rig.browser, `${server.url}#/migration`);
      await page.getByRole('heading', { name: 'Migration' }).waitFor();
      const run = page.getByRole('region', { name: /→/ });
      await run.getByText('Ferry stopped while this migration was running').waitFor();
      expect(await page.getByRole('status').textContent()).toBe('Interrupted');
      expect(await figure(run, 'Copied')).toBe('1');
      await snap(page, 'migration-interrupted-en');
      await page.getByRole('button', { name: 'New migration' }).click();
      const from = page.getByRole('group', { name: 'From' });
      const to = page.getByRole('group', { name: 'To' });
      expect(await from.getByLabel('Bucket').inputValue()).toBe(rig.bucket.name);
      expect(await from.getByLabel('Folder (prefix, optional)').inputValue()).toBe('docs/');
      expect(await to.getByLabel('Folder (prefix, optional)').inputValue()).toBe('restored/');
      await page.getByRole('button', { name: 'Plan' }).click();
      const plan = page.getByRole('region', { name: 'What the migration would do' });
      expect(await figure(plan, 'To copy')).toBe('3');
      expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
