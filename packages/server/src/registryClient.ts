import { verifyRegistry, type JWK, type TrustRegistry } from '@tracebridge/identity';
import { z } from 'zod';

/**
 * Where the trust registry comes from, as every service's configuration
 * says: the directory's URL and its pinned public key. The key is pinned,
 * not fetched: whoever answers on the directory's port, only a registry
 * signed by that key is believed.
 */
export const DirectoryConfig = z.object({
  TB_DIRECTORY_URL: z.string().url().default('http://127.0.0.1:4001'),
  /** The directory's registry-signing public key, a JWK as JSON (the launcher passes it; production: from the operator's configuration). */
  TB_DIRECTORY_PUBLIC_KEY: z.string({ error: 'TB_DIRECTORY_PUBLIC_KEY (the directory public key, a JWK as JSON) is required' }).transform((s, ctx) => {
    try {
      return JSON.parse(s) as JWK;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JWK as JSON' });
      return z.NEVER;
    }
  }),
  /** How often the registry is fetched again, in ms. @default 60000 */
  TB_REGISTRY_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});
export type DirectoryConfig = z.infer<typeof DirectoryConfig>;

/** A registry of thousands of agencies is a few megabytes; anything larger is not one. */
const MAX_REGISTRY_BYTES = 16 * 1024 * 1024;

export interface RegistryHandle {
  current: () => TrustRegistry;
  /** Registries refused since start (unsigned, wrongly signed, older than the current one). */
  refused: () => number;
  /** Fetch the registry now (an event signed by an agency or key not listed yet); resolves once the fetch is done, rejects when the directory cannot be reached. */
  refresh: () => Promise<void>;
  close: () => void;
}

/**
 * The trust registry as the directory serves it (GET /registry, a compact
 * JWS), verified against the pinned key, fetched at start (retrying while
 * the directory comes up) and refreshed periodically so a rotated key
 * reaches every service. A refused registry — unsigned, signed by another
 * key, malformed, expired, or issued before the one held (a rollback to a
 * revoked key) — is logged and the last good one kept. The one held is
 * kept even past its `validUntil` while the directory is unreachable: the
 * expiry bounds what may be accepted anew, not how long a post keeps working.
 */
export async function fetchTrustRegistry(config: DirectoryConfig, options: { retryForMs?: number; onRefused?: (err: unknown) => void } = {}): Promise<RegistryHandle> {
  // Whoever answers on the directory's port may be hostile: bounded in time and size, and only signed content is believed.
  const load = async (): Promise<TrustRegistry> => {
    const res = await fetch(`${config.TB_DIRECTORY_URL}/registry`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`directory answered ${res.status}`);
    if (Number(res.headers.get('content-length') ?? 0) > MAX_REGISTRY_BYTES) throw new Error('registry too large');
    const text = await res.text();
    if (text.length > MAX_REGISTRY_BYTES) throw new Error('registry too large');
    return verifyRegistry(text, config.TB_DIRECTORY_PUBLIC_KEY);
  };
  const deadline = Date.now() + (options.retryForMs ?? 30_000);
  let current: TrustRegistry | undefined;
  for (;;) {
    try {
      current = await load();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`could not load a trust registry signed by the pinned directory key from ${config.TB_DIRECTORY_URL}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  let held = current;
  let refused = 0;
  const refuse = (err: unknown): void => {
    refused += 1;
    options.onRefused?.(err);
  };
  const issued = (r: TrustRegistry): number => Date.parse(r.issuedAt ?? '') || 0;
  let inFlight: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    // A slow or hanging directory does not pile up fetches: a refresh asked meanwhile waits for the one in flight.
    inFlight ??= load()
      .then((next) => {
        if (issued(next) < issued(held)) refuse(new Error(`registry issued ${next.issuedAt ?? '?'} is older than the one held (${held.issuedAt ?? '?'})`));
        else held = next;
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
  // Unreachable or refused: keep the last good registry.
  const timer = setInterval(() => void refresh().catch(refuse), config.TB_REGISTRY_REFRESH_MS);
  timer.unref();
  return { current: () => held, refused: () => refused, refresh, close: () => clearInterval(timer) };
}
