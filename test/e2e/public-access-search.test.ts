import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('public access and search in the app', () => {
  const rig = e2eRig('e2e-public');
  beforeAll(async () => {
    for (const key of ['site/index.html', 'site/css/main.css', 'private/notes.txt'])
      await rawClient().send(
        new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: `body of ${key}` }),
      );
  });

  it('makes a folder public, copies a permanent link that opens without keys, and finds objects by name', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

    // A custom policy is checked as it is typed: broken JSON cannot be sent.
    await page.getByRole('button', { name: `Public access: ${rig.bucket.name}` }).click();
    let dialog = page.getByRole('dialog', { name: `Public access: ${rig.bucket.name}/` });
    await dialog.getByRole('radio', { name: 'Custom' }).check();
    await dialog.getByRole('textbox').fill('{"Statement": [');
    await dialog
      .getByRole('alert')
      .getByText(/^The policy is not valid JSON/)
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    await openBucket(page, rig.bucket.name);
    const list = page.getByRole('listbox', { name: 'Objects' });
    await list.getByRole('option', { name: /^site/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Public access…' }).click();
    dialog = page.getByRole('dialog', { name: `Public access: ${rig.bucket.name}/site/` });
    await dialog.getByRole('radio', { name: 'Public read' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Saved.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    await list.getByRole('option', { name: /^site/ }).dblclick();
    await list.getByRole('option', { name: /^index\.html/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy public link' }).click();
    await page.locator('.statusbar').getByText('Public link copied; it never expires.').waitFor();
    const link = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(link).not.toContain('X-Amz-Signature');
    const anonymous = await fetch(link);
    expect(await anonymous.text()).toBe('body of site/index.html');

    // Search from the bucket's root reaches every folder; a result opens in its folder.
    await page.getByRole('button', { name: rig.bucket.name, exact: true }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    const field = page.getByRole('searchbox', { name: `Find by name in ${rig.bucket.name}/` });
    await field.fill('*.CSS');
    await field.press('Enter');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await page.getByRole('status').getByText('1 found among 3 objects').waitFor();
    await results
      .getByRole('option', { name: /main\.css/ })
      .getByText('site/css/')
      .waitFor();
    await results.getByRole('button', { name: 'Show in folder' }).click();
    await page.getByRole('button', { name: 'css', exact: true }).waitFor();
    await list.getByRole('option', { name: /^main\.css/, selected: true }).waitFor();

    // Esc stops a running search; with nothing running it goes back to the folder.
    await page.getByRole('button', { name: 'Search' }).click();
    const again = page.getByRole('searchbox', { name: /^Find by name in / });
    await again.fill('notes');
    await again.press('Escape');
    await again.waitFor({ state: 'detached' });
    await list.getByRole('option', { name: /^main\.css/ }).waitFor();
    expect(errors).toEqual([]);
  });
});
