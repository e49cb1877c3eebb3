import { Gauge, Registry } from 'prom-client';

/** One part of a service's health: `ok` false makes the service unhealthy (503), the rest is detail for the operator. */
export type HealthProbe = () => { ok: boolean } & Record<string, unknown>;

/**
 * What a service says of itself on `/health` (200 when every probe is ok,
 * 503 otherwise, with each probe's detail) and `/metrics` (Prometheus text,
 * prom-client): its relays' and consumers' progress and failures, read when
 * asked. Served without a token, like `/health` always was: the services
 * listen on loopback or a private network, and neither route carries
 * records, persons or tokens (counts and positions only).
 */
export class ServiceHealth {
  readonly registry = new Registry();
  private readonly probes = new Map<string, HealthProbe>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
  }

  probe(name: string, probe: HealthProbe): this {
    this.probes.set(name, probe);
    return this;
  }

  /** A gauge read when scraped: `read` gives its value per label set. */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => { labels: Record<string, string>; value: number }[]): this {
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { labels, value } of read()) this.set(labels, value);
      },
    });
    return this;
  }

  report(): { ok: boolean; service: string } & Record<string, unknown> {
    const parts = Object.fromEntries([...this.probes].map(([name, probe]) => [name, probe()]));
    return { ok: Object.values(parts).every((p) => p.ok), service: this.service, ...parts };
  }
}
