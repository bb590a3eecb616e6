import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gateway, rawClient } from '../support/s3.js';
import { openBucket, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/** Drops files on the object list (a synthetic DataTransfer, as test/e2e/drop-upload.test.ts does). */
async function dropFiles(page: Page, files: { path: string; text: string }[]): Promise<void> {
  await page.evaluate(`(() => {
    const files = ${JSON.stringify(files)};
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([f.text], f.path, { type: 'text/plain' }));
    const target = document.querySelector('.browser');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  })()`);
}

describe('feedback where the user is looking', () => {
  const rig = e2eRig('e2e-feedback');
  const s3 = rawClient();
  const read = async (key: string) =>
    (
      await s3.send(new GetObjectCommand({ Bucket: rig.bucket.name, Key: key }))
    ).Body?.transformToString();
  beforeAll(async () => {
    for (const [key, body] of [
      ['a.txt', 'first'],
      ['b.txt', 'second'],
    ] as const)
      await s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: body }));
  });

  it('says a link was copied, even after a drop, and lets status messages go', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openBucket(page, rig.bucket.name);
    const list = page.getByRole('listbox', { name: 'Objects' });
    await dropFiles(page, [{ path: 'dropped.txt', text: 'dropped' }]);
    await list.getByRole('option', { name: /^dropped\.txt/ }).waitFor();
    const status = page.locator('.statusbar');
    await status.getByText(/1 uploaded/).waitFor();

    await list.getByRole('option', { name: /^a\.txt/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy link' }).click();
    await status.getByText('Link copied; it works for one hour.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('a.txt');
    // A status message is news, not a fixture: it leaves on its own.
    await status
      .getByText('Link copied; it works for one hour.')
      .waitFor({ state: 'detached', timeout: 15_000 });
    await status.getByText(/1 uploaded/).waitFor({ state: 'detached', timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  it('asks in the rename dialog, in its own words, before replacing an existing object', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    const list = page.getByRole('listbox', { name: 'Objects' });
    await list.getByRole('option', { name: /^a\.txt/ }).click();
    await page.keyboard.press('F2');
    const dialog = page.getByRole('dialog', { name: 'Rename' });
    await dialog.getByLabel('Name').fill('b.txt');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.getByText('“b.txt” already exists in this folder.', { exact: false }).waitFor();
    await snap(page, 'rename-exists-light');
    expect(await dialog.textContent()).not.toContain('--overwrite');
    // Nothing behind the dialog: the page shows no banner of its own.
    expect(await page.locator('.browser').getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await dialog.waitFor({ state: 'detached' });
    await list.getByRole('option', { name: /^a\.txt/ }).waitFor({ state: 'detached' });
    expect(await read('b.txt')).toBe('first');
    expect(errors).toEqual([]);
  });

  it('shows a failed bucket creation inside its dialog, not dimmed behind it', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('button', { name: 'New bucket' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New bucket' });
    // A name the server refuses (a bucket this test bed cannot make: one that exists for another user).
    await dialog.getByLabel('Bucket name').fill(rig.bucket.name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByRole('alert').waitFor();
    await snap(page, 'bucket-create-failed-light');
    expect(await page.locator('main > .banner').count()).toBe(0);
  });

  it('keeps the connection form honest: results clear on edit, presets keep what was typed', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('button', { name: 'Manage connections' }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('form', { name: 'Connection' });
    const field = (label: string) => form.getByLabel(label, { exact: true });
    const g = gateway();
    await field('Endpoint').fill(g.endpoint);
    await field('Access key').fill(g.accessKey);
    await field('Secret key').fill('not-the-secret');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const steps = form.getByRole('list', { name: 'Test result' });
    await form.getByText('The connection does not work yet').waitFor();
    // The result was for the old secret: typing a new one takes it away.
    await field('Secret key').fill(g.secretKey);
    await steps.waitFor({ state: 'detached' });
    expect(await form.getByText('The connection does not work yet').count()).toBe(0);

    // Another preset keeps the endpoint the user typed, and takes its own name.
    expect(await field('Name').inputValue()).toBe('RustFS');
    await field('Server').selectOption('ceph');
    expect(await field('Endpoint').inputValue()).toBe(g.endpoint);
    expect(await field('Name').inputValue()).toBe('Ceph RADOS Gateway');
    // A name the user typed stays through a change of preset.
    await field('Name').fill('My lab');
    await field('Server').selectOption('minio');
    expect(await field('Name').inputValue()).toBe('My lab');

    // An endpoint without http:// is a problem of the field, said at the field.
    await field('Endpoint').fill('s3.example.com');
    await field('Endpoint').blur();
    await form.getByText('Start the endpoint with http:// or https://').waitFor();
    expect(await field('Endpoint').getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('alert').count()).toBe(0);
    await snap(page, 'connection-endpoint-scheme-light');
    expect(errors).toEqual([]);
  });
});
