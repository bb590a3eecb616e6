import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

describe('the conflicts list of a two-way watch', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-conflicts-'));
  const rig = e2eRig('e2e-conflicts');
  const s3 = rawClient();
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const remote = async (key: string) =>
    (
      await (
        await s3.send(new GetObjectCommand({ Bucket: rig.bucket.name, Key: key }))
      ).Body
    )?.transformToString();

  it('lists a file changed on both sides, opens both (paths under ferry serve), keeps local or remote', async () => {
    writeFileSync(path.join(folder, 'plan.txt'), 'first plan');
    writeFileSync(path.join(folder, 'list.txt'), 'first list');
    const engine = rig.server.engine;
    const watch = await engine.watches.add({
      folder,
      profileId: 'environment',
      bucket: rig.bucket.name,
      prefix: '',
      mode: 'two-way',
      pollSeconds: 3600,
      stabilityMs: 300,
    });
    const id = watch.rule.id;
    await expect
      .poll(async () => (await engine.watches.list())[0]?.status.counts.indexed, {
        timeout: 20_000,
      })
      .toBe(2);
    await engine.watches.setPaused([id], true);

    // Both sides change both files between two syncs.
    for (const name of ['plan.txt', 'list.txt']) {
      await s3.send(
        new PutObjectCommand({ Bucket: rig.bucket.name, Key: name, Body: `remote ${name}` }),
      );
      writeFileSync(path.join(folder, name), `local ${name}, longer`);
    }
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`);
    const row = page.getByRole('listitem', { name: folder });
    await engine.watches.setPaused([id], false);
    await row.getByRole('button', { name: 'Sync now' }).click();
    await row.getByRole('button', { name: '2 conflicts' }).waitFor({ timeout: 20_000 });
    // Synced, but not up to date: two files wait for the user.
    await row.getByRole('status').getByText('Has conflicts', { exact: true }).waitFor();
    expect(await row.getByText('Up to date').count()).toBe(0);
    await row.getByRole('button', { name: '2 conflicts' }).click();

    const dialog = page.getByRole('dialog', { name: `Conflicts in ${folder}` });
    const plan = dialog.getByRole('listitem', { name: 'plan.txt' });
    await plan.getByText(/^Saved as plan \(conflict \d{4}-\d{2}-\d{2} \d{4}\)\.txt$/).waitFor();
    await plan.getByText(/^22 B · /).waitFor();
    await plan.getByText(/^15 B · /).waitFor();
    await plan.getByRole('button', { name: 'Open both' }).click();
    // Under ferry serve the browser cannot open files of the machine running Ferry: the paths show.
    await plan.getByText(path.join(folder, 'plan.txt'), { exact: true }).waitFor();
    await snap(page, 'conflicts-en');

    await plan.getByRole('button', { name: 'Keep local' }).click();
    await plan.waitFor({ state: 'detached' });
    expect(await remote('plan.txt')).toBe('local plan.txt, longer');

    const list = dialog.getByRole('listitem', { name: 'list.txt' });
    await list.getByRole('button', { name: 'Keep remote' }).click();
    await dialog.getByText('No conflicts: every file is in step.').waitFor();
    expect(readFileSync(path.join(folder, 'list.txt'), 'utf8')).toBe('remote list.txt');
    await row.getByRole('button', { name: /conflict/ }).waitFor({ state: 'detached' });
    await row.getByRole('status').getByText('Up to date', { exact: true }).waitFor();
    // Neither choice leaves the saved copy behind.
    expect(await engine.handlers()['watches.conflicts']({ id })).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['list.txt', 'plan.txt']);
    expect(errors).toEqual([]);
  });
});
