import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

describe('an upload that waits out an outage (a watched folder’s)', () => {
  const rig = e2eRig('e2e-wait', { proxy: {} });

  it('says it waits to retry, in both languages, then arrives', { timeout: 60_000 }, async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-wait-')), 'waiting.txt');
    writeFileSync(file, 'sent once the server is back');
    rig.proxy.cut();
    let told = 0;
    const { done } = rig.server.engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: rig.bucket.name,
      key: 'waiting.txt',
      file,
      keepTrying: () => told++,
    });

    const en = await openPage(rig.browser, `${rig.server.url}#/transfers`);
    const row = en.page
      .getByRole('list', { name: 'Transfer queue' })
      .getByRole('listitem', { name: 'waiting.txt' });
    await row.getByText('Waiting to retry', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.getByText('Queued', { exact: true }).count()).toBe(0);
    // The header's totals say the same: nothing runs while it waits.
    await en.page.getByText('0 running, 1 queued, 0 failed', { exact: true }).waitFor();
    await snap(en.page, 'transfer-waiting-en');

    const pt = await openPage(rig.browser, `${rig.server.url}#/transfers`, { locale: 'pt-BR' });
    await pt.page
      .getByRole('listitem', { name: 'waiting.txt' })
      .getByText('Aguardando nova tentativa', { exact: true })
      .waitFor();
    await snap(pt.page, 'transfer-waiting-pt-br');

    rig.proxy.restore();
    await done;
    expect(told).toBeGreaterThanOrEqual(1);
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 40_000 });
    expect(en.errors).toEqual([]);
    expect(pt.errors).toEqual([]);
  });
});
