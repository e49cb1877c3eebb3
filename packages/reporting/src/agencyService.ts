import type { NatsConnection } from '@nats-io/transport-node';
import { startRelay, type Logger, type Relay, type ServiceRpc } from '@tracebridge/bus';
import { traceDeadlines, type EmbargoRegime, type TraceDeadlines } from '@tracebridge/domain';
import type { CheckpointStore, EventStore } from '@tracebridge/eventstore';
import type { ServiceKeys, SigningKey, TrustRegistry } from '@tracebridge/identity';
import { buildGraphqlService, ServiceHealth, type FastifyInstance } from '@tracebridge/server';
import { AGENCY_SERVICE_NAMES, isReportingKind, type AgencyServiceKind } from './agencyKinds';
import type { KeyedIds } from './keyedIds';
import { serveAgreementCommands } from './agreements';
import { serveBrokerCommands } from './brokers';
import { serveCaseCommands } from './cases';
import { liaisonSubgraph } from './liaisonSubgraph';
import { licensingSubgraph } from './licensingSubgraph';
import { serveTraceCommands } from './traces';
import { serveRouteCommands } from './routes';
import { onceOpen, relayOnceOpen, storesProbe, type GuardedStorage } from './guardedStorage';
import type { PersonVault } from './personVault';
import { seizureReporting } from './seizureReporting';
import { serveRepublish } from './republish';

/**
 * An agency hosted by the service, through ports only: whichever store
 * holds its events (SQLite, KurrentDB), its vault and checkpoints live where
 * that store's configuration puts them (agencyStorage.ts).
 */
export interface HostedAgency {
  id: string;
  state: string;
  eventKey: SigningKey;
  /** clientReference → record id, keyed with the agency's secret. */
  keyedIds: KeyedIds;
  store: EventStore;
  vault: PersonVault;
  /** Where the agency's relay keeps how far it has published. */
  checkpoints: CheckpointStore;
  /** Stores that may not be open yet (guardedStorage.ts): the relay starts once they are. @default open from the start */
  availability?: Pick<GuardedStorage, 'ready' | 'status'>;
}

export interface AgencyServiceOptions {
  /** The kind of the hosted agencies: CUSTOMS, POLICE and BORDER report seizures; LIAISON (regional liaison points) and LICENSING (brokering licensing authorities) report none. */
  kind: AgencyServiceKind;
  agencies: HostedAgency[];
  registry: () => TrustRegistry;
  nc: NatsConnection;
  /** This service's own keys: its requests to the hub and its replies are signed with them. */
  serviceKeys: ServiceKeys;
  embargoes: EmbargoRegime[];
  /** Tracing deadlines per priority (TB_TRACE_DEADLINE_*); the hub must be configured alike. @default PT24H and P5D */
  traceDeadlines?: TraceDeadlines;
  logger?: Logger;
  /** @default () => new Date() */
  clock?: () => Date;
}

/**
 * The write side of an agency kind: every hosted agency's events go from its
 * store to the bus through its relay, whatever the kind. Reporting kinds
 * (customs, police, border) validate their form, keep person identities in
 * the vault, decide, sign with the agency's key, append durably, and answer
 * with hits and warnings; the regional service (LIAISON) reports no seizures.
 * It closes what it started (subgraph, relays, responders), not the stores.
 */
export async function buildAgencyService(opts: AgencyServiceOptions): Promise<{ app: FastifyInstance; relays: Relay[]; close: () => Promise<void> }> {
  const clock = opts.clock ?? (() => new Date());
  const hosted = new Map(opts.agencies.map((a) => [a.id, a]));
  const relays = await Promise.all(
    opts.agencies.map((a) =>
      relayOnceOpen(a, () => startRelay({ store: a.store, checkpoints: a.checkpoints, nc: opts.nc, name: 'relay', origin: a.id, ...logged(opts) }), opts.logger),
    ),
  );
  const rpc: ServiceRpc = { nc: opts.nc, me: opts.serviceKeys, registry: opts.registry, ...logged(opts) };
  // The hub's gap repair reaches each agency's relay (issue 10, item 2).
  const republishers = opts.agencies.map((a, i) => serveRepublish(rpc, a.id, relays[i]!));
  // Every agency acts on cases and traces through its own service (ADR 9, ADR 10), whatever its kind.
  const deadlines = opts.traceDeadlines ?? traceDeadlines({});
  const actServers = opts.agencies.flatMap((a) => [
    serveCaseCommands(rpc, a, clock),
    serveTraceCommands(rpc, a, deadlines, clock),
    serveAgreementCommands(rpc, a, clock),
    serveRouteCommands(rpc, a, clock),
  ]);
  // Vaults of before PERSON links (issue 9) get their document keys once.
  for (const a of opts.agencies) await onceOpen(a, () => a.vault.fillDocumentKeys((n) => a.keyedIds.documentKey(n)), opts.logger);
  const kind = opts.kind;
  // Licensing authorities keep their broker registers through their own service (ADR 12).
  if (kind === 'LICENSING') actServers.push(...opts.agencies.map((a) => serveBrokerCommands(rpc, a, clock)));
  const subgraph = isReportingKind(kind)
    ? seizureReporting({ kind, hosted, rpc, embargoes: opts.embargoes, clock })
    : kind === 'LICENSING'
      ? licensingSubgraph(hosted)
      : liaisonSubgraph(hosted);
  const health = relayHealth(AGENCY_SERVICE_NAMES[kind], opts.agencies, relays).probe('stores', storesProbe(opts.agencies));
  const app = await buildGraphqlService({ name: AGENCY_SERVICE_NAMES[kind], schema: subgraph.schema, registry: opts.registry, resolvers: subgraph.resolvers, health });
  return {
    app,
    relays,
    close: async () => {
      await app.close();
      subgraph.stop();
      for (const s of [...actServers, ...republishers]) s.unsubscribe();
      await Promise.all(relays.map((r) => r.stop()));
    },
  };
}

const logged = (opts: AgencyServiceOptions): { logger?: Logger } => (opts.logger ? { logger: opts.logger } : {});

/**
 * Each hosted agency's relay on `/health` and `/metrics`: events published,
 * duplicates, dead letters, failed publishes, and the store positions
 * acknowledged by JetStream and checkpointed (issue 10, item 8).
 */
function relayHealth(service: string, agencies: readonly HostedAgency[], relays: readonly Relay[]): ServiceHealth {
  const per = (read: (s: ReturnType<Relay['stats']>) => number | bigint) => () => relays.map((r, i) => ({ labels: { agency: agencies[i]!.id }, value: Number(read(r.stats())) }));
  const health = new ServiceHealth(service).probe('relays', () => ({
    ok: true,
    agencies: Object.fromEntries(
      relays.map((r, i) => [
        agencies[i]!.id,
        {
          ...r.stats(),
          acked: String(r.stats().acked),
          publishedHead: String(r.stats().publishedHead),
          saved: String(r.stats().saved),
          head: String(r.stats().head),
          lag: String(lagOf(r.stats())),
        },
      ]),
    ),
  }));
  const gauges: [string, string, (s: RelayStatsOf) => number | bigint][] = [
    ['tb_relay_published_total', 'Events the relay published to JetStream', (s) => s.published],
    ['tb_relay_duplicates_total', 'Publishes JetStream took as duplicates (already held)', (s) => s.duplicates],
    ['tb_relay_dead_lettered_total', 'Stored events the relay could not publish and dead-lettered', (s) => s.deadLettered],
    ['tb_relay_failures_total', 'Failed publishes (each retried with back-off)', (s) => s.failures],
    ['tb_relay_acked_position', 'Store position up to which JetStream acknowledged every event', (s) => s.acked],
    ['tb_relay_checkpoint_position', "Store position of the relay's last checkpoint", (s) => s.saved],
    ['tb_relay_lag', 'Events stored and not yet acknowledged by JetStream (relay lag)', lagOf],
    ['tb_relay_republished_total', 'Events published again at the hub’s request (gap repair)', (s) => s.republished],
  ];
  for (const [name, help, read] of gauges) health.gauge(name, help, ['agency'], per(read));
  return health;
}

/** Stored and not yet acknowledged by JetStream; 0 where the store cannot tell its head. */
type RelayStatsOf = ReturnType<Relay['stats']>;
const lagOf = (s: RelayStatsOf): bigint => (s.head > s.acked ? s.head - s.acked : 0n);
