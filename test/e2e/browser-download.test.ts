import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage } from './app.js';
import { e2eRig } from './rig.js';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const TEXT = Buffer.from('Olá, ação — 日本語\n');
const NAME = 'relatório – ação.txt';

/** Selects one row of the object list by its name. */
async function select(page: Page, name: string): Promise<void> {
  await page
    .getByRole('listbox', { name: 'Objects' })
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .click();
}

/** Waits for a row of the transfer queue to say Done. */
async function doneInTransfers(page: Page, names: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Transfers' }).click();
  const queue = page.getByRole('list', { name: 'Transfer queue' });
  for (const name of names)
    await queue
      .getByRole('listitem', { name })
      .getByText('Done', { exact: true })
      .first()
      .waitFor({ timeout: 20_000 });
}

describe('downloads in the browser face', () => {
  const rig = e2eRig('e2e-dl');
  const big = randomBytes(200_000);
  const local = mkdtempSync(path.join(os.tmpdir(), 'ferry-dl-'));
  afterAll(() => rmSync(local, { recursive: true, force: true }));

  beforeAll(async () => {
    const s3 = rawClient();
    const put = (Key: string, Body: Buffer, ContentType?: string) =>
      s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key, Body, ContentType }));
    await put(`notes/${NAME}`, TEXT, 'text/plain');
    await put('album/a.txt', Buffer.from('first'));
    await put('album/sub/b.bin', big);
  });

  it('saves a text file as an attachment with its UTF-8 name and charset, and lists it', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await page.getByRole('option', { name: /^notes/ }).dblclick();
    await select(page, NAME);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('toolbar').getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(NAME);
    expect(readFileSync((await download.path())!)).toEqual(TEXT);

    const query = new URLSearchParams({
      profileId: 'environment',
      bucket: rig.bucket.name,
      key: `notes/${NAME}`,
    });
    const origin = new URL(rig.server.url).origin;
    const response = await page.request.get(`${origin}/api/download?${query}`);
    expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe(
      `attachment; filename="relat_rio _ a__o.txt"; filename*=UTF-8''relat%C3%B3rio%20%E2%80%93%20a%C3%A7%C3%A3o.txt`,
    );
    await doneInTransfers(page, [NAME]);
    expect(errors).toEqual([]);
  });

  it('saves a folder as a zip stream, and lists it', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await select(page, 'album');
    await page.getByRole('toolbar').getByRole('button', { name: 'Download' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download album' });
    await dialog.getByRole('radio', { name: /zip/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('album.zip');
    const zip = path.join(local, 'album.zip');
    await download.saveAs(zip);
    expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import hashlib,json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({i.filename: hashlib.md5(z.read(i)).hexdigest() for i in z.infolist()}))',
        zip,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(listing)).toEqual({
      'album/a.txt': md5(Buffer.from('first')),
      'album/sub/b.bin': md5(big),
    });
    await doneInTransfers(page, ['album']);
  });

  it('downloads a folder into a local path the user types, through the queue', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await select(page, 'album');
    await page.getByRole('toolbar').getByRole('button', { name: 'Download' }).click();
    const dialog = page.getByRole('dialog', { name: 'Download album' });
    await dialog.getByRole('radio', { name: /folder on the computer/ }).check();
    await dialog.getByRole('textbox', { name: 'Folder' }).fill(local);
    await dialog.getByRole('button', { name: 'Download', exact: true }).click();
    await doneInTransfers(page, ['a.txt', 'b.bin']);
    expect(readFileSync(path.join(local, 'album', 'a.txt'), 'utf8')).toBe('first');
    expect(md5(readFileSync(path.join(local, 'album', 'sub', 'b.bin')))).toBe(md5(big));
  });
});
