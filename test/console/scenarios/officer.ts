import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkScreen, openConsole, signIn, type ConsoleTab } from '../../support/browser';
import { until } from '../../support/processes';

/** A record reported through the console in the officer scenario, for the scenarios after it. */
export interface ReportedRecord {
  id: string;
  serialNumber: string;
  /** The reporting officer's tab, left on the new record's page. */
  tab: ConsoleTab;
}

/**
 * A GH-CUSTOMS officer reports a seizure whose route starts in Libya (under a UN arms embargo on the whole state),
 * with the driver named, AMBER; the warning is on screen and the record's page is /records/<id>.
 */
export async function customsOfficerReports(browser: Browser, base: string, tabs: ConsoleTab[]): Promise<ReportedRecord> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  const { page } = tab;
  await signIn(page, 'GH-CUSTOMS', 'REPORTING_OFFICER');
  await page.getByRole('navigation').getByRole('link', { name: 'Report', exact: true }).click();
  const serialNumber = `CONSOLE-${Date.now()}`;
  await page.getByLabel('Occurred at', { exact: true }).fill('2026-11-20T09:30');
  await page.getByLabel('Country', { exact: true }).selectOption('GH');
  await page.getByLabel('Place', { exact: true }).fill('Tema port, berth 4');
  await page.getByLabel('Location type', { exact: true }).selectOption('PORT');
  await page.getByLabel('Route origin', { exact: true }).selectOption('LY');
  await page.getByLabel('Route destination', { exact: true }).selectOption('GH');
  await page.getByLabel('Category', { exact: true }).selectOption('PISTOL');
  await page.getByLabel('Manufacturer', { exact: true }).fill('Glock');
  await page.getByLabel('Serial number', { exact: true }).fill(serialNumber);
  await page.getByRole('button', { name: 'Add a person', exact: true }).click();
  await page.getByRole('textbox', { name: /^Role/ }).fill('driver');
  await page.getByLabel('Full name', { exact: true }).fill('Kofi Mensah');
  await page.getByLabel('TLP', { exact: true }).selectOption('AMBER');
  await checkScreen(page, 'officer-report-form');
  await page.getByRole('button', { name: 'Submit report', exact: true }).click();
  await page.waitForURL(/\/records\/[^/]+$/);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const warning = page.getByTestId('report-warnings').locator('[data-testid=warning][data-code=EMBARGO]');
  await warning.waitFor();
  expect(await warning.innerText()).toMatch(/LY.*embargo/is);
  await page.getByTestId('record-persons').waitFor();
  // The originator's reporting officer sees the name its agency keeps.
  expect(await page.getByTestId('record-persons').innerText()).toContain('Kofi Mensah');
  await checkScreen(page, 'officer-record-page');
  await page.getByRole('navigation').getByRole('link', { name: 'My reports', exact: true }).click();
  await page.getByTestId('my-reports').waitFor();
  await checkScreen(page, 'officer-my-reports');
  await page.getByRole('navigation').getByRole('link', { name: 'Hits on my records', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await checkScreen(page, 'officer-hits');
  await page.goto(`/records/${encodeURIComponent(id)}/disposition`);
  await page.getByRole('button', { name: 'Record disposition', exact: true }).waitFor();
  await checkScreen(page, 'officer-disposition');
  await page.goto(`/records/${encodeURIComponent(id)}`);
  await page.getByTestId('record-persons').waitFor();
  return { id, serialNumber, tab };
}

/**
 * The customs officer signs out on the record's page and a TG-POLICE analyst signs in on the same tab: they start
 * at home, and neither the screen nor the browser's Back shows them the record or the customs officer's report.
 */
export async function nextOfficerOnTheSameTab(record: ReportedRecord): Promise<void> {
  const { page } = record.tab;
  // One more screen within the page, so that Back after the next sign-in leads to the record's page.
  await page.getByRole('navigation').getByRole('link', { name: 'My reports', exact: true }).click();
  await page.getByTestId('my-reports').waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(page, 'TG-POLICE', 'ANALYST');
  await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.getByTestId('signed-in-as').textContent()).toContain('TG-POLICE');
  await page.goBack();
  await page.waitForURL(/\/records\/[^/]+$/);
  await page.getByTestId('record-not-shared').waitFor();
  const shown = await page.content();
  expect(shown).not.toContain(record.serialNumber);
  expect(shown).not.toContain('UN arms embargo');
  expect(await page.getByTestId('report-warnings').count()).toBe(0);
}

/** A GH-POLICE officer (same state) opens the record: it is shown, the driver's identity withheld (names stay with GH-CUSTOMS). */
export async function policeOfSameStateOpens(browser: Browser, base: string, tabs: ConsoleTab[], record: ReportedRecord): Promise<void> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  const { page } = tab;
  await signIn(page, 'GH-POLICE', 'REPORTING_OFFICER');
  await page.goto(`/records/${encodeURIComponent(record.id)}`);
  const persons = page.getByTestId('record-persons');
  await persons.getByTestId('identity-withheld').waitFor();
  expect(await persons.textContent()).toContain('identity withheld');
  expect(await page.content()).not.toContain('Kofi Mensah');
  expect(await page.getByTestId('record-items').innerText()).toContain(record.serialNumber);
  await checkScreen(page, 'police-record-identity-withheld');
  expect(await searchTheReportDay(page, record)).toBe(true);
  // A serial check of the weapon finds GH-CUSTOMS' record, which this officer may open.
  await page.getByRole('navigation').getByRole('link', { name: 'Serial check', exact: true }).click();
  await page.getByLabel('Manufacturer', { exact: true }).fill('glock');
  await page.getByLabel('Serial number', { exact: true }).fill(record.serialNumber.toLowerCase());
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const hits = page.getByTestId('serial-hits');
  await hits.locator(`a[href="/records/${record.id}"]`).waitFor();
  expect(await hits.textContent()).toContain('GH-CUSTOMS');
  await checkScreen(page, 'serial-check-hit');
}

/**
 * Search the seizures of the report's day (2026-11-20; the seeded ones end on 2026-11-01) as the signed-in officer:
 * whether the result, once it has arrived for this very filter, lists the record.
 */
async function searchTheReportDay(page: Page, record: ReportedRecord): Promise<boolean> {
  await page.goto('/seizures');
  await page.getByLabel('From', { exact: true }).fill('2026-11-20');
  await page.getByLabel('Until (included)', { exact: true }).fill('2026-11-20');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/from=2026-11-20/);
  // The answer to this filter (the seeded seizures end on 2026-11-01: a handful at most), not the unfiltered one
  // the page showed before, kept on screen while this one is asked.
  const settled = async () => (await page.locator('[data-testid=seizure-count][data-fetching=false]').count()) === 1;
  const count = async () => Number((await page.getByTestId('seizure-count').textContent())?.replace(/\D/g, ''));
  await until(async () => (await settled()) && (await count()) < 5, 15_000, 'the search of the report day');
  return (await page.locator(`a[href="/records/${record.id}"]`).count()) > 0;
}

/** A TG-POLICE officer (another state) cannot find the AMBER record: not by its address, not by a search. */
export async function officerOfAnotherStateCannotFind(browser: Browser, base: string, tabs: ConsoleTab[], record: ReportedRecord): Promise<void> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  const { page } = tab;
  await signIn(page, 'TG-POLICE', 'ANALYST');
  await page.goto(`/records/${encodeURIComponent(record.id)}`);
  await page.getByTestId('record-not-shared').waitFor();
  expect(await page.content()).not.toContain(record.serialNumber);
  await checkScreen(page, 'other-state-record-not-shared');
  // Nor does a search of everything TG-POLICE may see list it (the same search lists it for GH-POLICE).
  expect(await searchTheReportDay(page, record)).toBe(false);
}
