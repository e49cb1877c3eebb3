import type { NatsConnection } from '@nats-io/transport-node';
import type { EmbargoRegime } from '@tracebridge/domain';
import type { ServiceKeys, TrustRegistry } from '@tracebridge/identity';
import type { Logger, ServiceRpc } from '@tracebridge/bus';
import type Database from 'better-sqlite3';
import { buildGraphqlService, DateTimeScalar, plugin, type FastifyInstance, type ServiceHealth } from '@tracebridge/server';
import { createAgencyDirectory } from './access';
import { exportResolvers } from './exportViews';
import { agreementResolvers } from './agreementResolvers';
import { agreementSchema } from './agreementSchema';
import { brokerRegistryCheck } from './brokerCheck';
import { brokerResolvers } from './brokerResolvers';
import { brokerSchema } from './brokerSchema';
import { BrokerViews } from './brokerViews';
import { analysisResolvers } from './analysisResolvers';
import { analysisSchema } from './analysisSchema';
import { LinkViews } from './linkViews';
import { RouteViews } from './routeViews';
import { caseResolvers } from './caseResolvers';
import { caseSchema } from './caseSchema';
import { CaseViews } from './caseViews';
import { startTraceEscalator } from './traceEscalator';
import { traceResolvers } from './traceResolvers';
import { traceSchema } from './traceSchema';
import { tracingDirectory } from './traceTables';
import { TraceViews } from './traceViews';
import { createCursorSeal } from './cursors';
import { ReadAudit } from './audit';
import { HitNotices } from './notices';
import type { LiaisonProjection } from './projection';
import { checkAndAuditResolvers, dispositionResolvers, seizureResolvers, type HubParts } from './resolvers';
import { policyPlugin, readAuditPlugin } from './plugins';
import { schema } from './schema';
import { createSeizureViews } from './seizureViews';
import { createSerialChecks, PendingReports, serveSerialChecks } from './serialChecks';
import type { ReportCheck } from './reportChecks';
import { diversionCheck } from './diversionCheck';
import { diversionResolvers } from './diversionResolvers';
import { diversionSchema } from './diversionSchema';
import { DiversionViews } from './diversionViews';

export interface LiaisonOptions {
  /** The read model, with the access policy its visibility index is computed from (every read path asks it). */
  projection: LiaisonProjection;
  /** The audit store (auditStore.ts): reads and hit notices, kept apart from the rebuildable read model. */
  auditDb: Database.Database;
  registry: () => TrustRegistry;
  nc: NatsConnection;
  /** The hub's own keys: it signs its requests to agency services and its replies with them. */
  serviceKeys: ServiceKeys;
  /** UN arms embargo regimes screened for each seizure's warnings. */
  embargoes: EmbargoRegime[];
  /** How often overdue traces are looked for and escalated (TB_TRACE_ESCALATION_INTERVAL_MS). @default 15000 */
  traceEscalationIntervalMs?: number;
  /** How long `Seizure` entity resolution waits for a seizure its own reporter has just reported. @default 5000 */
  readYourWritesMs?: number;
  /** @default () => new Date() */
  clock?: () => Date;
  logger?: Logger;
  /** What `/health` and `/metrics` report (the hub's consumer: services/liaison). */
  health?: ServiceHealth;
}

/** The checks the hub runs on each new report's facts (issue 9), as the reporting officer: their warnings go back with its serial hits. */
function reportChecks(opts: LiaisonOptions, audit: ReadAudit, diversions: DiversionViews, clock: () => Date): { name: string; check: ReportCheck }[] {
  return [
    { name: 'broker registry', check: brokerRegistryCheck({ projection: opts.projection, embargoes: opts.embargoes, audit, clock }) },
    { name: 'diversion clusters', check: diversionCheck(diversions) },
  ];
}

/** The analysts' views (issue 9): corridors, links between seizures (serial batches among them), probable diverted lots. */
function analystResolvers(parts: HubParts, diversions: DiversionViews, clock: () => Date) {
  const { projection, rpc } = parts;
  const links = new LinkViews(projection, rpc, (id, agency) => diversions.batchLinks(id, agency));
  const analysis = analysisResolvers(parts, { routes: new RouteViews(projection.db, projection.visibility), links }, clock);
  return { Mutation: analysis.Mutation, Query: { ...analysis.Query, ...diversionResolvers(parts, diversions) } };
}

const escalatorOptions = (opts: LiaisonOptions) => ({
  ...(opts.traceEscalationIntervalMs ? { intervalMs: opts.traceEscalationIntervalMs } : {}),
  ...(opts.logger ? { logger: opts.logger } : {}),
});

/** The liaison hub's subgraph: shared seizure views, serial checks, hit notices, the read audit, dispositions by proxy. */
export async function buildLiaison(opts: LiaisonOptions): Promise<{ app: FastifyInstance; close: () => void }> {
  const { projection } = opts;
  const clock = opts.clock ?? (() => new Date());
  const rpc: ServiceRpc = { nc: opts.nc, me: opts.serviceKeys, registry: opts.registry, ...(opts.logger ? { logger: opts.logger } : {}) };
  const directory = createAgencyDirectory(opts.registry);
  const audit = new ReadAudit(opts.auditDb, clock);
  const notices = new HitNotices(opts.auditDb);
  const views = createSeizureViews({ projection, policy: projection.visibility.policy, directory, audit, rpc, embargoes: opts.embargoes });
  const checkSerials = createSerialChecks(projection, directory, notices, clock);
  const pending = new PendingReports(opts.readYourWritesMs ?? 5000);
  const cursors = createCursorSeal();
  // One diversion view (and its per-viewer answers) for the report check, the clusters and the BATCH links.
  const diversions = new DiversionViews(projection);
  const responder = serveSerialChecks(rpc, checkSerials, pending, reportChecks(opts, audit, diversions, clock));

  const parts: HubParts = { projection, directory, audit, notices, views, checkSerials, pending, cursors, rpc, readYourWritesMs: opts.readYourWritesMs ?? 5000 };
  const seizures = seizureResolvers(parts);
  const policy = projection.visibility.policy;
  const tracing = tracingDirectory(opts.registry);
  const traceViews = new TraceViews({ projection, policy, directory, tracing, seizures: views, clock });
  const cases = caseResolvers(parts, new CaseViews({ projection, policy, directory, seizures: views, traces: traceViews, audit }));
  const traces = traceResolvers(parts, traceViews, tracing);
  const agreements = agreementResolvers(parts, clock);
  const brokers = brokerResolvers(parts, new BrokerViews({ projection, directory, audit, clock }));
  const analysis = analystResolvers(parts, diversions, clock);
  const escalator = startTraceEscalator({ projection, rpc, tracing, clock, ...escalatorOptions(opts) });
  const app = await buildGraphqlService({
    name: 'liaison',
    schema: schema + caseSchema + traceSchema + agreementSchema + analysisSchema + brokerSchema + diversionSchema,
    registry: opts.registry,
    resolvers: {
      DateTime: DateTimeScalar,
      Seizure: seizures.Seizure,
      CaseRecord: cases.CaseRecord,
      Mutation: { ...dispositionResolvers(parts), ...cases.Mutation, ...traces.Mutation, ...agreements.Mutation, ...analysis.Mutation, ...brokers.Mutation },
      Query: {
        ...seizures.Query,
        ...checkAndAuditResolvers(parts),
        ...cases.Query,
        ...traces.Query,
        ...agreements.Query,
        ...exportResolvers(parts),
        ...analysis.Query,
        ...brokers.Query,
      },
    },
    plugins: [plugin(policyPlugin, { visibility: projection.visibility }), plugin(readAuditPlugin, { audit })],
    ...(opts.health ? { health: opts.health } : {}),
  });
  return {
    app,
    close: () => {
      escalator.stop();
      responder.unsubscribe();
    },
  };
}
