import { HeadBucketCommand } from '@aws-sdk/client-s3';
import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { gateway, rawClient, removeBucket, uniqueBucketName } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openPage, snap } from './app.js';

describe('connections and buckets', () => {
  let browser: Browser;
  // No AWS_* variables: a first run, with no connection at all.
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const bucket = uniqueBucketName('e2e-made');

  beforeAll(async () => {
    server = await startTestServer({});
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeBucket(rawClient(), bucket).catch(() => {});
  });

  it('opens on the RustFS preset the first time, then adds and tests a connection', async () => {
    const { page, errors } = await openPage(browser, server.url);
    const form = page.getByRole('form', { name: 'Connection' });
    await form.waitFor();
    expect(await form.getByLabel('Server', { exact: true }).inputValue()).toBe('rustfs');
    expect(await form.getByLabel('Endpoint', { exact: true }).inputValue()).toBe(
      'http://localhost:9000',
    );
    await snap(page, 'connections-light');

    const g = gateway();
    await form.getByLabel('Server', { exact: true }).selectOption('ceph');
    await form.getByLabel('Name', { exact: true }).fill('Lab Ceph');
    await form.getByLabel('Endpoint', { exact: true }).fill(g.endpoint);
    await form.getByLabel('Access key', { exact: true }).fill(g.accessKey);
    await form.getByLabel('Secret key', { exact: true }).fill('not-the-secret');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const steps = form.getByRole('list', { name: 'Test result' });
    await steps.getByText('Sign in and list buckets').waitFor();
    await form.getByText('The connection does not work yet').waitFor();
    expect(await steps.textContent()).toContain('Check the secret key');

    await form.getByLabel('Secret key', { exact: true }).fill(g.secretKey);
    await form.getByRole('button', { name: 'Test connection' }).click();
    // Other test files make and remove buckets of the same user meanwhile: one bucket reads "1 bucket".
    await form.getByText(/Connected: \d+ buckets? visible\./).waitFor();
    // The test servers say who they are; Swift lacks features, which the form lists.
    await form.getByText(/^Server: (Ceph RADOS Gateway|OpenStack Swift \(s3api\))/).waitFor();
    await snap(page, 'connection-test-light');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Buckets' }).waitFor();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Lab Ceph/ })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('creates a bucket with live name checks and deletes it after typing its name', async () => {
    const { page } = await openPage(browser, server.url);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Lab Ceph/ })
      .click();
    await page.getByRole('button', { name: 'New bucket' }).first().click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel('Bucket name');
    // The help under the field is its accessible description, and the broken rule replaces it.
    const description = async () =>
      (
        await dialog.locator(`#${await field.getAttribute('aria-describedby')}`).textContent()
      )?.trim();
    expect(await description()).toBe(
      '3–63 characters: lowercase letters, digits, dots and hyphens.',
    );
    await field.fill('Bad_Name');
    await dialog.getByText('it must not contain uppercase letters').waitFor();
    expect(await description()).toMatch(/it must not contain uppercase letters/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('button', { name: 'Create' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Bucket name').fill(bucket);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('list', { name: 'Buckets' }).getByText(bucket).waitFor();
    await rawClient().send(new HeadBucketCommand({ Bucket: bucket }));

    await page.getByRole('checkbox', { name: `Keep versions in ${bucket}` }).check();
    const versioning = server.engine.handlers()['buckets.getVersioning'];
    await expect
      .poll(async () => (await versioning({ profileId: 'lab-ceph', bucket })).status)
      .toBe('Enabled');

    await page.getByRole('button', { name: `Delete bucket ${bucket}` }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('The bucket is empty.').waitFor();
    const remove = confirm.getByRole('button', { name: 'Delete' });
    expect(await remove.isDisabled()).toBe(true);
    await confirm.getByLabel('Bucket name to confirm').fill(bucket);
    await remove.click();
    await page
      .getByRole('list', { name: 'Buckets' })
      .getByText(bucket)
      .waitFor({ state: 'detached' });
    await expect(rawClient().send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toThrow();
  });

  it('speaks Portuguese in engine errors: a failed connection test and a bad bucket name', async () => {
    const { page, errors } = await openPage(browser, server.url, { locale: 'pt-BR' });
    await page.getByRole('button', { name: 'Gerenciar conexões' }).click();
    await page.getByRole('button', { name: 'Adicionar conexão' }).click();
    const form = page.getByRole('form', { name: 'Conexão' });
    const closed = await closedPort();
    await form.getByLabel('Endereço', { exact: true }).fill(`http://127.0.0.1:${closed}`);
    await form.getByLabel('Chave de acesso', { exact: true }).fill('someone');
    await form.getByLabel('Chave secreta', { exact: true }).fill('something');
    await form.getByRole('button', { name: 'Testar conexão' }).click();
    const steps = form.getByRole('list', { name: 'Resultado do teste' });
    await steps.getByText(`Nada está escutando em http://127.0.0.1:${closed}.`).waitFor();
    await steps.getByText('Confira o endereço e a porta, e se o servidor está rodando.').waitFor();
    await snap(page, 'connection-test-failed-pt-br');
    await form.getByRole('button', { name: 'Cancelar' }).click();

    await page
      .getByRole('navigation')
      .getByRole('button', { name: /Lab Ceph/ })
      .click();
    await page.getByRole('button', { name: 'Novo bucket' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nome do bucket').fill('Fotos');
    await dialog
      .getByText('"Fotos" não é um nome de bucket válido: não pode ter letras maiúsculas.')
      .waitFor();
    expect(errors).toEqual([]);
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
