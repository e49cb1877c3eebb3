/**
 * The web console's first load (issue 11): a production build served by the gateway of a started network,
 * opened in Debian's Chromium over loopback with a cold cache (a new browser context each time), to
 * interactive: the sign-in page with its agencies loaded and "Sign in" enabled; and, signed in already,
 * the officer's home with its navigation (which includes the `me` round trip through the gateway).
 * Baseline, measured alternately in the same run: GraphiQL served by the same gateway (a React page of
 * its own), to its editor. Also the JavaScript the first screen ships, gzip and brotli as sent.
 *
 * `bash scripts/pnpm.sh exec tsx test/bench/console.bench.ts`
 */
import { ensureConsoleBuilt } from '@tracebridge/network';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestNetwork } from '../support/network';
import { machine, median, ms, now, pct, runBench } from './hubBench';

const RUNS = Number(process.env.TB_BENCH_RUNS ?? 15);

async function timed(browser: Browser, base: string, open: (page: Page) => Promise<void>, init?: string): Promise<number> {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const t0 = now();
  await open(page);
  const elapsed = now() - t0;
  await context.close();
  return elapsed;
}

/** The JavaScript the sign-in page loads: raw, gzip (level 9, as the build stores it) and as transferred (brotli). */
async function firstScreenScript(browser: Browser, base: string): Promise<{ files: number; raw: number; gzip: number; transferred: number }> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const scripts: Promise<{ raw: number; gzip: number; transferred: number }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    scripts.push(
      res
        .body()
        .then(async (body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length, transferred: Number((await res.allHeaders())['content-length'] ?? body.length) })),
    );
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  const all = await Promise.all(scripts);
  await context.close();
  return { files: all.length, raw: all.reduce((a, s) => a + s.raw, 0), gzip: all.reduce((a, s) => a + s.gzip, 0), transferred: all.reduce((a, s) => a + s.transferred, 0) };
}

runBench(async () => {
  await ensureConsoleBuilt();
  const [net, browser] = await Promise.all([startTestNetwork('tb-bench-console-'), launchChromium()]);
  const base = net.url.replace(/\/graphql$/, '/');
  const session = `sessionStorage.setItem('tracebridge.session', ${JSON.stringify(JSON.stringify({ token: net.tokens['GH-CUSTOMS'], expiresAt: Math.floor(Date.now() / 1000) + 3600 }))});`;
  const signInPage = async (page: Page) => {
    await page.goto('/');
    await page.getByLabel('Agency', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  };
  const home = async (page: Page) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Report', exact: true }).waitFor();
  };
  const graphiql = async (page: Page) => {
    await page.goto('/graphiql');
    await page.locator('.graphiql-container').waitFor();
  };
  try {
    // One warm-up of each (the gateway's first answers, Chromium's first process).
    await timed(browser, base, signInPage);
    await timed(browser, base, graphiql);
    const results = { signIn: [] as number[], home: [] as number[], graphiql: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      results.signIn.push(await timed(browser, base, signInPage));
      results.home.push(await timed(browser, base, home, session));
      results.graphiql.push(await timed(browser, base, graphiql));
    }
    const js = await firstScreenScript(browser, base);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`\nconsole first load, ${RUNS} cold loads each over loopback (${machine()})`);
    for (const [name, xs] of Object.entries(results))
      console.log(`  ${name.padEnd(9)} median ${ms(median(xs))}  p90 ${ms(pct(xs, 90))}  ratio to GraphiQL ${(median(xs) / median(results.graphiql)).toFixed(2)}`);
    console.log(`  first screen JavaScript: ${js.files} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip, ${kb(js.transferred)} as sent (brotli)`);
  } finally {
    await browser.close();
    await net.close();
  }
});
