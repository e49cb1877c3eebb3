import type { NatsConnection } from '@nats-io/transport-node';
import { startRelay, type Logger, type Relay, type ServiceRpc } from '@tracebridge/bus';
import { traceDeadlines, type AgencyKind, type EmbargoRegime, type TraceDeadlines } from '@tracebridge/domain';
import type { CheckpointStore, EventStore } from '@tracebridge/eventstore';
import type { ServiceKeys, SigningKey, TrustRegistry } from '@tracebridge/identity';
import { buildGraphqlService, DateTimeScalar, ForbiddenError, requireRole, type FastifyInstance, type RequestContext } from '@tracebridge/server';
import { seizureInputsSdl } from './agencySdl';
import { serveCaseCommands } from './cases';
import { serveDispositions } from './dispositions';
import { serveTraceCommands } from './traces';
import { forms, type Form } from './forms';
import type { KeyedIds } from './keyedIds';
import { createAccessPolicy } from '@tracebridge/policy';
import { servedIdentities, type PersonVault } from './personVault';
import { createSeizureReporter } from './reportSeizure';
import { servePersonIdentities } from './rpc';
import { reportStockpileLoss, stockpileLossSdl } from './stockpileLoss';

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
}

export interface AgencyServiceOptions {
  kind: Exclude<AgencyKind, 'LIAISON'>;
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
 * The write side of an agency kind (customs here; police and border share
 * it): validate the form, keep person identities in the vault, decide, sign
 * with the agency's key, append durably, and answer with hits and warnings.
 * It closes what it started (subgraph, relays, responders), not the stores.
 */
export async function buildAgencyService(opts: AgencyServiceOptions): Promise<{ app: FastifyInstance; relays: Relay[]; close: () => Promise<void> }> {
  const clock = opts.clock ?? (() => new Date());
  const form = forms[opts.kind] as unknown as Form;
  const hosted = new Map(opts.agencies.map((a) => [a.id, a]));
  const relays = await Promise.all(opts.agencies.map((a) => startRelay({ store: a.store, checkpoints: a.checkpoints, nc: opts.nc, name: 'relay', ...logged(opts) })));
  const rpc: ServiceRpc = { nc: opts.nc, me: opts.serviceKeys, registry: opts.registry, ...logged(opts) };
  // The access policy, for person identities: the same Cedar policy the hub applies to everything it serves.
  const policy = createAccessPolicy();
  const personServers = opts.agencies.map((a) => servePersonIdentities(rpc, a.id, policy, (seizureId) => servedIdentities(a, seizureId)));
  const dispositionServers = opts.agencies.map((a) => serveDispositions(rpc, { ...a, kind: opts.kind }, clock));
  const caseServers = opts.agencies.map((a) => serveCaseCommands(rpc, a, clock));
  const deadlines = opts.traceDeadlines ?? traceDeadlines({});
  const traceServers = opts.agencies.map((a) => serveTraceCommands(rpc, a, deadlines, clock));

  const report = createSeizureReporter({ kind: opts.kind, form, hosted, rpc, embargoes: opts.embargoes, clock });

  const hostedAgencyOf = (ctx: RequestContext) => {
    const agency = hosted.get(ctx.officer.agency);
    if (!agency || ctx.officer.kind !== opts.kind) throw new ForbiddenError(`agency ${ctx.officer.agency} is not served here`);
    requireRole(ctx.officer, 'REPORT');
    return agency;
  };

  const app = await buildGraphqlService({
    name: opts.kind.toLowerCase(),
    schema: `${seizureInputsSdl}\n${form.sdl}\n${opts.kind === 'POLICE' ? stockpileLossSdl : ''}`,
    registry: opts.registry,
    resolvers: {
      DateTime: DateTimeScalar,
      Query: { [form.listQuery]: () => [...hosted.keys()] },
      Mutation: {
        [form.mutation]: (_root: unknown, args: { input: unknown }, ctx: RequestContext) => report(args.input, ctx),
        ...(opts.kind === 'POLICE'
          ? {
              reportStockpileLoss: (_root: unknown, args: { input: unknown }, ctx: RequestContext) =>
                reportStockpileLoss(rpc, { ...hostedAgencyOf(ctx), kind: opts.kind }, args.input, ctx, clock().toISOString()),
            }
          : {}),
      },
    },
  });
  return {
    app,
    relays,
    close: async () => {
      await app.close();
      for (const s of [...personServers, ...dispositionServers, ...caseServers, ...traceServers]) s.unsubscribe();
      await Promise.all(relays.map((r) => r.stop()));
    },
  };
}

const logged = (opts: AgencyServiceOptions): { logger?: Logger } => (opts.logger ? { logger: opts.logger } : {});
