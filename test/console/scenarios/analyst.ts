import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { checkScreen, openConsole, signIn, type ConsoleTab } from '../../support/browser';

/**
 * A GH-POLICE analyst ranks the corridors of the seeded year and sees them drawn: as many corridor marks on the
 * map as rows in the ranking, over country shapes; then the other analyst screens.
 */
export async function analystRanksCorridors(browser: Browser, base: string, tabs: ConsoleTab[]): Promise<void> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  const { page } = tab;
  await signIn(page, 'GH-POLICE', 'ANALYST');
  await page.getByRole('navigation').getByRole('link', { name: 'Corridors', exact: true }).click();
  await page.getByLabel('From', { exact: true }).fill('2026-01-01');
  await page.getByLabel('Until (included)', { exact: true }).fill('2026-10-31');
  await page.getByRole('button', { name: 'Rank corridors', exact: true }).click();
  await page.waitForURL(/from=2026-01-01/);
  // The ranking of this period, not the last twelve months' shown while it is asked.
  await page.locator('[data-testid=corridor-count][data-fetching=false]').filter({ hasText: 'Oct 31, 2026' }).waitFor();
  const rows = page.locator('[data-testid=corridor-table] tbody tr');
  await rows.first().waitFor();
  const map = page.locator('svg[data-testid=corridor-map]');
  await map.waitFor();
  const ranked = await rows.count();
  expect(ranked).toBeGreaterThan(1);
  expect(await map.locator('.corridor').count()).toBe(ranked);
  expect(await map.locator('path.country').count()).toBeGreaterThan(5);
  // Every corridor drawn is real geometry: a line with points (or a dot where origin and destination coincide).
  const shapes = await map
    .locator('.corridor')
    .evaluateAll((els: { getAttribute(name: string): string | null }[]) => els.map((e) => e.getAttribute('d') ?? e.getAttribute('cx') ?? ''));
  for (const shape of shapes) {
    expect(shape).toMatch(/^[M\d.-]/);
    expect(shape).not.toContain('NaN');
  }
  expect(shapes.filter((d) => d.startsWith('M') && /L/.test(d)).length).toBeGreaterThan(0);
  expect(await map.locator('[data-country=GH]').count()).toBeGreaterThan(0);
  // Ranked: one mark per rank, 1 … n (the API's ranking, as the table shows it).
  const ranks = await map.locator('.corridor').evaluateAll((els: { getAttribute(name: string): string | null }[]) => els.map((e) => Number(e.getAttribute('data-rank'))));
  expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: ranked }, (_, i) => i + 1));
  await checkScreen(page, 'analyst-corridors');
  for (const [link, screen] of [
    ['Search seizures', 'analyst-search'],
    ['Diversion clusters', 'analyst-diversion'],
    ['Brokers', 'analyst-brokers'],
  ] as const) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor();
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    await checkScreen(page, screen);
  }
}

/** A seizure's links, as an analyst opens them from the search table. */
export async function analystOpensLinks(browser: Browser, base: string, tabs: ConsoleTab[], seizureId: string): Promise<void> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  await signIn(tab.page, 'GH-POLICE', 'ANALYST');
  await tab.page.goto(`/records/${encodeURIComponent(seizureId)}/links`);
  await tab.page.getByRole('heading', { level: 1 }).waitFor();
  await tab.page.getByText('Loading…').waitFor({ state: 'detached' });
  await checkScreen(tab.page, 'analyst-links');
}
