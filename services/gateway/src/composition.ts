import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Subgraph {
  name: string;
  url: string;
}

/** A subgraph's SDL, asked the way the gateway composes (`_service` alone needs no token); throws when it does not answer with one. */
async function fetchSdl(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(3000),
  });
  const body = (await res.json()) as { data?: { _service?: { sdl?: unknown } } };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string' || sdl.length === 0) throw new Error(`no SDL from ${url}`);
  return sdl;
}

/**
 * Every subgraph's SDL for composing the gateway: asked of each subgraph,
 * and kept (`<dir>/<name>.graphql`) so that a gateway started while a
 * subgraph is down (restarting, crashed) composes with the copy from its
 * last answer instead of without it. Composed without a subgraph, the
 * gateway answered that subgraph's operations "Unknown type …", which no
 * retry fixes (found by the crash run, issue 10); composed with its kept
 * SDL, they fail while it is down as any unreachable subgraph's do:
 * SERVICE_UNAVAILABLE, retryable. A subgraph never seen before is waited
 * for, up to `timeoutMs` (then the gateway fails to start, and its
 * supervisor tries again). A subgraph's new SDL (an upgrade) is taken up
 * when the gateway starts and the subgraph answers.
 */
export async function subgraphSdls(subgraphs: readonly Subgraph[], dir: string, timeoutMs: number): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const deadline = Date.now() + timeoutMs;
  const sdls = new Map<string, string>();
  for (;;) {
    await Promise.all(
      subgraphs
        .filter((s) => !sdls.has(s.name))
        .map(async (s) => {
          const sdl = await fetchSdl(s.url).catch(() => undefined);
          if (sdl === undefined) return;
          sdls.set(s.name, sdl);
          writeFileSync(join(dir, `${s.name}.graphql`), sdl, { mode: 0o600 });
        }),
    );
    for (const s of subgraphs.filter((x) => !sdls.has(x.name))) {
      const kept = join(dir, `${s.name}.graphql`);
      if (existsSync(kept)) sdls.set(s.name, readFileSync(kept, 'utf8'));
    }
    const missing = subgraphs.filter((s) => !sdls.has(s.name));
    if (missing.length === 0) return sdls;
    if (Date.now() > deadline) throw new Error(`subgraphs never seen and not answering: ${missing.map((s) => s.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
