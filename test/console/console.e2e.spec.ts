import { ensureConsoleBuilt, seedBrokers, seedNetwork } from '@tracebridge/network';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGatewaySchema } from '../../services/console/scripts/gatewaySchema';
import { checkScreen, launchChromium, openConsole, signIn, type ConsoleTab } from '../support/browser';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { repoRoot } from '../support/processes';
import { analystOpensLinks, analystRanksCorridors } from './scenarios/analyst';
import { liaisonAttachesAndHolderGrants, liaisonTracesAndEscalations } from './scenarios/liaison';
import { customsOfficerReports, nextOfficerOnTheSameTab, officerOfAnotherStateCannotFind, policeOfSameStateOpens, type ReportedRecord } from './scenarios/officer';

/**
 * The web console in a real Chromium (Debian's, driven by playwright-core), against the network as `npm start`
 * starts it: the production build served by the gateway, the demo agencies' dev sign-in, seeded seizures and
 * brokers. Every screen visited is screenshotted under .tmp/console-screens/ and checked with axe-core.
 */
let net: TestNetwork;
let browser: Browser;
let base: string;
const tabs: ConsoleTab[] = [];

const open = async (locale?: string): Promise<ConsoleTab> => {
  const tab = await openConsole(browser, base, locale);
  tabs.push(tab);
  return tab;
};

beforeAll(async () => {
  await ensureConsoleBuilt();
  [net, browser] = await Promise.all([startTestNetwork('tb-console-'), launchChromium()]);
  base = net.url.replace(/\/graphql$/, '/');
  await seedBrokers(net.network);
  await seedNetwork(net.network, 120);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await net?.close();
  // No page threw or logged an error on any screen of any test.
  expect(tabs.flatMap((t) => t.errors)).toEqual([]);
});

describe('the console', () => {
  it("is typed against the gateway's schema as it is (schema.graphql is not stale)", async () => {
    const committed = readFileSync(join(repoRoot, 'services', 'console', 'schema.graphql'), 'utf8');
    expect(await fetchGatewaySchema(net.url, net.tokens['GH-CUSTOMS']!)).toBe(committed);
  });

  it('signs in at / with Agency, Role and Sign in; the navigation has Report and Serial check, and Sign out forgets the token', async () => {
    const { page } = await open();
    await checkScreen(page, 'sign-in');
    await signIn(page, 'GH-CUSTOMS', 'REPORTING_OFFICER');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Report', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Serial check', exact: true }).waitFor();
    await checkScreen(page, 'home-officer');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage))).toEqual(['tracebridge.session']);
    // The token is kept for this tab only: another tab (context) starts signed out.
    const other = await open();
    await other.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
  });

  it('ships under 300 KB of gzipped JavaScript for the first screen, compressed on the wire, nothing from another origin', async () => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const scripts: Promise<{ url: string; raw: number; gzip: number; encoding: string | undefined }>[] = [];
    const origins = new Set<string>();
    page.on('request', (req) => origins.add(new URL(req.url()).origin));
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script')
        scripts.push(res.body().then((body) => ({ url: res.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length, encoding: res.headers()['content-encoding'] })));
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    const loaded = await Promise.all(scripts);
    const gzipped = loaded.reduce((a, s) => a + s.gzip, 0);
    await context.close();
    // Every script worth compressing (the build keeps copies of those of 1 KB or more) travels brotli-compressed.
    expect(loaded.filter((s) => s.raw >= 1024 && s.encoding !== 'br').map((s) => s.url)).toEqual([]);
    expect(gzipped).toBeGreaterThan(10_000);
    expect(gzipped).toBeLessThan(300 * 1024);
    expect([...origins]).toEqual([new URL(base).origin]);
  });

  it('works with the keyboard alone: sign in, skip to the content, reach a screen through the navigation', async () => {
    const { page } = await open();
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null; id: string } | null } }).document.activeElement;
        return el ? `${el.tagName}#${el.id}:${(el.textContent ?? '').trim().slice(0, 40)}` : '';
      });
    await page.getByLabel('Agency', { exact: true }).waitFor();
    // Tab to the agency select (after the language select), pick with the arrow keys, then role, then Enter on "Sign in".
    for (let i = 0; i < 6 && !(await focused()).includes('GH-CUSTOMS'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^SELECT/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON.*Sign in/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('GH-POLICE');
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('Skip to content');
    await page.keyboard.press('Enter');
    expect(await focused()).toMatch(/#main/);
    await page.getByRole('navigation').getByRole('link', { name: 'Serial check', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/serial-check$/);
    // The focus moved to the new screen's content: the next Tab is its first field, not the next link.
    await page.getByLabel('Manufacturer', { exact: true }).waitFor();
    expect(await focused()).toMatch(/#main/);
    await page.keyboard.press('Tab');
    expect(
      await page.getByLabel('Manufacturer', { exact: true }).evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
    ).toBe(true);
    await page.keyboard.type('Glock');
    await page.keyboard.press('Tab');
    await page.keyboard.type('NO-SUCH-2');
    await page.keyboard.press('Enter');
    await page.getByText('No hit').waitFor();
  });

  it('speaks French from the first screen, chosen per officer', async () => {
    const { page } = await open('fr-FR');
    await page.getByLabel('Agence', { exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await checkScreen(page, 'sign-in-fr');
    await page.getByLabel('Agence', { exact: true }).selectOption('TG-POLICE');
    await page.getByLabel('Rôle', { exact: true }).selectOption('REPORTING_OFFICER');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Vérification de numéro', exact: true }).click();
    await page.getByLabel('Fabricant', { exact: true }).waitFor();
    await checkScreen(page, 'serial-check-fr');
  });

  it('checks a serial number: hit or no hit, under the holders’ policy', async () => {
    const { page } = await open();
    await signIn(page, 'GH-POLICE', 'REPORTING_OFFICER');
    await page.getByRole('navigation').getByRole('link', { name: 'Serial check', exact: true }).click();
    await page.getByLabel('Manufacturer', { exact: true }).fill('Nobody Arms');
    await page.getByLabel('Serial number', { exact: true }).fill('NO-SUCH-1');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('No hit').waitFor();
    await checkScreen(page, 'serial-check');
  });

  describe('officers', () => {
    let record: ReportedRecord;
    it('a customs officer reports a seizure on an embargoed route and sees the warning; the record page ends with its id', async () => {
      record = await customsOfficerReports(browser, base, tabs);
    });
    it("a police officer of the same state opens it and sees the driver's identity withheld", async () => {
      await policeOfSameStateOpens(browser, base, tabs, record);
    });
    it('an officer of another state cannot find the AMBER record', async () => {
      await officerOfAnotherStateCannotFind(browser, base, tabs, record);
    });
    it('the next officer signed in on the same tab is shown nothing of the last one', async () => {
      await nextOfficerOnTheSameTab(record);
    });
  });

  describe('analysts', () => {
    it('an analyst ranks corridors and sees them on the map of the region', async () => {
      await analystRanksCorridors(browser, base, tabs);
    });
    it("opens a seizure's links", async () => {
      const seized = await gql<{ seizures: { nodes: { id: string }[] } }>(net.url, net.tokens['GH-POLICE'], '{ seizures(first: 1) { nodes { id } } }');
      await analystOpensLinks(browser, base, tabs, seized.data!.seizures.nodes[0]!.id);
    });
  });

  describe('liaison points', () => {
    it('a liaison officer opens a case, attaches a record and sees it await consent; the originator grants and the record appears', async () => {
      await liaisonAttachesAndHolderGrants(browser, base, tabs, net);
    });
    it("shows the liaison point's tracing requests by deadline and the region's escalations", async () => {
      await liaisonTracesAndEscalations(browser, base, tabs);
    });
  });
});
