import type { Browser, Locator, Page } from 'playwright-core';

/** A page that records uncaught errors and console errors, so a test can require there were none. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; locale?: string } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 760 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  // Fail with Playwright's own account of what it waited for, well inside the test timeout.
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** Saves a screenshot of the page as a test artifact. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` });
}

/** Opens a bucket from the bucket list into the object browser. */
export async function openBucket(page: Page, bucket: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Buckets' })
    .getByRole('button', { name: new RegExp(`^${bucket}`) })
    .click();
  await page.getByRole('navigation', { name: 'Location' }).waitFor();
}

/** The figure shown under a label of a plan or a report (`To copy` → `3`). */
export function figure(region: Locator, label: string): Promise<string | null> {
  return region
    .locator('dl > div')
    .filter({ has: region.page().locator('dt').getByText(label, { exact: true }) })
    .locator('dd')
    .textContent();
}
