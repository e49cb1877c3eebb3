import { createTrustRegistry, type TrustRegistry } from '@tracebridge/identity';

/**
 * The trust registry as the directory serves it (GET /registry), fetched at
 * start (retrying while the directory comes up) and refreshed every minute,
 * so a rotated key reaches every service.
 */
export async function fetchTrustRegistry(directoryUrl: string, options: { retryForMs?: number } = {}): Promise<{ current: () => TrustRegistry; close: () => void }> {
  const load = async (): Promise<TrustRegistry> => {
    const res = await fetch(`${directoryUrl}/registry`);
    if (!res.ok) throw new Error(`directory answered ${res.status}`);
    const body = (await res.json()) as { agencies: unknown[] };
    return createTrustRegistry(body.agencies);
  };
  const deadline = Date.now() + (options.retryForMs ?? 30_000);
  let registry: TrustRegistry | undefined;
  for (;;) {
    try {
      registry = await load();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`could not load the trust registry from ${directoryUrl}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  let current = registry;
  const timer = setInterval(() => {
    load().then(
      (r) => (current = r),
      () => undefined, // keep the last good registry while the directory is unreachable
    );
  }, 60_000);
  timer.unref();
  return { current: () => current, close: () => clearInterval(timer) };
}
