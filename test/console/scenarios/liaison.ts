import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { checkScreen, openConsole, signIn, type ConsoleTab } from '../../support/browser';
import type { TestNetwork } from '../../support/network';
import { report, seizureInput } from '../../support/seizureReports';

/**
 * WA-LIAISON opens a case and attaches a GH-CUSTOMS seizure of handling code H2 (shared only with its holder's
 * consent): the attachment awaits GH-CUSTOMS. GH-CUSTOMS, signed in in another tab, grants the share request on
 * "Awaiting me"; the record then appears in the case.
 */
export async function liaisonAttachesAndHolderGrants(browser: Browser, base: string, tabs: ConsoleTab[], net: TestNetwork): Promise<void> {
  const { seizure } = await report(net, seizureInput({ handling: { tlp: 'AMBER', code: 'H2' } }));
  const recordLink = `a[href="/records/${seizure.id}"]`;
  const liaison = await openConsole(browser, base);
  tabs.push(liaison);
  await signIn(liaison.page, 'WA-LIAISON', 'LIAISON_OFFICER');
  const page = liaison.page;
  await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByLabel('Title', { exact: true }).fill('Glock pistols through Tema');
  await page.getByLabel('Summary', { exact: true }).fill('Pistols landed at Tema port, onward by road to Lomé.');
  await checkScreen(page, 'liaison-cases');
  await page.getByRole('button', { name: 'Open case', exact: true }).click();
  await page.waitForURL(/\/cases\/[^/]+$/);
  await page.getByLabel('Record id', { exact: true }).fill(seizure.id);
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  const attachment = page.locator(`[data-testid=attachment][data-holder="GH-CUSTOMS"]`);
  await attachment.and(page.locator('[data-status=AWAITING_CONSENT]')).waitFor();
  expect(await attachment.textContent()).toContain('awaiting consent of GH-CUSTOMS');
  expect(await attachment.locator(recordLink).count()).toBe(0);
  await checkScreen(page, 'liaison-case-awaiting-consent');

  const holder = await openConsole(browser, base);
  tabs.push(holder);
  await signIn(holder.page, 'GH-CUSTOMS', 'REPORTING_OFFICER');
  await holder.page.getByRole('navigation').getByRole('link', { name: 'Awaiting me', exact: true }).click();
  const request = holder.page.locator('[data-testid=share-request]').filter({ has: holder.page.locator(recordLink) });
  await request.waitFor();
  await checkScreen(holder.page, 'holder-share-requests');
  await request.getByRole('button', { name: 'Grant', exact: true }).click();
  await holder.page.getByTestId('share-requests-granted').locator(recordLink).waitFor();

  await page.reload();
  await attachment.and(page.locator('[data-status=SHARED]')).locator(recordLink).waitFor();
  await checkScreen(page, 'liaison-case-granted');
}

/** The liaison point's tracing requests (by deadline, overdue first) and the region's escalations. */
export async function liaisonTracesAndEscalations(browser: Browser, base: string, tabs: ConsoleTab[]): Promise<void> {
  const tab = await openConsole(browser, base);
  tabs.push(tab);
  await signIn(tab.page, 'WA-LIAISON', 'LIAISON_OFFICER');
  for (const [link, heading, screen] of [
    ['Tracing requests', 'Tracing requests', 'liaison-traces'],
    ['Escalations', /Escalat/, 'liaison-escalations'],
    ['Awaiting me', /Awaiting/, 'liaison-awaiting-me'],
  ] as const) {
    await tab.page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    // This screen's heading, not the last one's (kept on screen while the next loads).
    await tab.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await tab.page.getByText('Loading…').waitFor({ state: 'detached' });
    await checkScreen(tab.page, screen);
  }
}
