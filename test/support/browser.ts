import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './processes';

const require = createRequire(import.meta.url);

/** Where the browser tests keep a screenshot of every screen they visit. */
export const SCREENSHOTS = join(repoRoot, '.tmp', 'console-screens');

/**
 * Debian's Chromium (scripts/setup.sh installs it for `npm test`; CHROMIUM_BIN points at another), driven by
 * playwright-core: no browser is downloaded. The flags keep Chromium off the network it has no business on
 * (this machine's network is closed; a border post's may be too).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged (a test fails on any). */
  errors: string[];
}

/** A fresh browser context (its own sessionStorage: one officer per tab) on the console, in English unless told. */
export async function openConsole(browser: Browser, baseUrl: string, locale = 'en-GB'): Promise<ConsoleTab> {
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto('/');
  return { context, page, errors };
}

/** Sign in at `/` as a demo agency's officer with one role, through the page's own fields. */
export async function signIn(page: Page, agency: string, role: string): Promise<void> {
  await page.getByLabel('Agency', { exact: true }).selectOption(agency);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

let axe: string | undefined;
const axeSource = (): string => (axe ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.x A and AA rules). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated, not added as a <script>: the console's CSP (script-src 'self') refuses inline scripts, as it should.
  // (The root tsconfig has no DOM types: the page's globals are reached through globalThis.)
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${screen}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** A screenshot of the screen under .tmp/console-screens/ and the axe check of it. */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the fixed header and navigation where they were scrolled to.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${screen}.png`), fullPage: true });
  await expectAccessible(page, screen);
}
