import { describe, expect, it } from 'vitest';
import { openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('bucket regions in the list', () => {
  // Every GetBucketLocation is refused with 503 SlowDown; everything else reaches the gateway.
  const rig = e2eRig('region', {
    proxy: { plan: (info) => (/[?&]location(=|&|$)/.test(info.url) ? 'slowdown' : 'pass') },
  });

  it('shows a quiet dash with the reason as its tooltip when the region cannot be read, in Portuguese', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, { locale: 'pt-BR' });
    const row = page.getByRole('list', { name: 'Buckets' }).getByRole('listitem').filter({
      hasText: rig.bucket.name,
    });
    const region = row.locator('.region');
    await region.getByText('—').waitFor();
    expect(await region.getAttribute('title')).toBe(
      'Região desconhecida. O servidor pede que o Ferry vá mais devagar. O Ferry tenta de novo com espera crescente; diminua a concorrência se continuar acontecendo.',
    );
    expect(await row.textContent()).toContain('Região desconhecida');
    // The list itself and the rest of the row still work.
    expect(await row.textContent()).toMatch(/Criado em/);
    expect(rig.proxy.stats.slowDowns).toBeGreaterThan(0);

    // Once the server answers again, Refresh asks for the regions that failed.
    rig.proxy.configure({ plan: () => 'pass' });
    await page.getByRole('button', { name: 'Atualizar' }).click();
    await region.getByText('default').waitFor();
    expect(errors).toEqual([]);
  });
});
