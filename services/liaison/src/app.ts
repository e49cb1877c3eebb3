import type { NatsConnection } from '@nats-io/transport-node';
import { normaliseSerial, TracebridgeError, type ErrorCode } from '@tracebridge/contracts';
import type { EmbargoRegime } from '@tracebridge/domain';
import type { ServiceKeys, TrustRegistry } from '@tracebridge/identity';
import { requestDisposition, type HubRpc } from './originatorRpc';
import type { Logger } from '@tracebridge/bus';
import type Database from 'better-sqlite3';
import { buildGraphqlService, DateTimeScalar, requireRole, type FastifyInstance, type RequestContext } from '@tracebridge/server';
import { createHubAccess } from './access';
import { createCursorSeal } from './cursors';
import { parseSeizuresArgs } from './args';
import { ReadAudit } from './audit';
import { HitNotices } from './notices';
import type { LiaisonProjection } from './projection';
import { schema } from './schema';
import { createSeizureViews } from './seizureViews';
import { createSerialChecks, PendingReports, serveSerialChecks } from './serialChecks';

export interface LiaisonOptions {
  projection: LiaisonProjection;
  /** The audit store (auditStore.ts): reads and hit notices, kept apart from the rebuildable read model. */
  auditDb: Database.Database;
  registry: () => TrustRegistry;
  nc: NatsConnection;
  /** The hub's own keys: it signs its requests to agency services and its replies with them. */
  serviceKeys: ServiceKeys;
  /** UN arms embargo regimes screened for each seizure's warnings. */
  embargoes: EmbargoRegime[];
  /** How long `Seizure` entity resolution waits for a seizure its own reporter has just reported. @default 5000 */
  readYourWritesMs?: number;
  /** @default () => new Date() */
  clock?: () => Date;
  logger?: Logger;
}

const pageSize = (first: number | null | undefined, dflt: number, max: number) => Math.min(Math.max(first ?? dflt, 1), max);

/** The liaison hub's subgraph: shared seizure views, serial checks, hit notices, the read audit, dispositions by proxy. */
export async function buildLiaison(opts: LiaisonOptions): Promise<{ app: FastifyInstance; close: () => void }> {
  const { projection } = opts;
  const clock = opts.clock ?? (() => new Date());
  const rpc: HubRpc = { nc: opts.nc, me: opts.serviceKeys, registry: opts.registry, ...(opts.logger ? { logger: opts.logger } : {}) };
  const access = createHubAccess(opts.registry);
  const audit = new ReadAudit(opts.auditDb, clock);
  const notices = new HitNotices(opts.auditDb);
  const views = createSeizureViews({ projection, access, audit, rpc, embargoes: opts.embargoes });
  const checkSerials = createSerialChecks(projection.db, access, notices, clock);
  const pending = new PendingReports(opts.readYourWritesMs ?? 5000);
  const cursors = createCursorSeal();
  const responder = serveSerialChecks(rpc, checkSerials, pending);

  const app = await buildGraphqlService({
    name: 'liaison',
    schema,
    registry: opts.registry,
    resolvers: {
      DateTime: DateTimeScalar,
      Seizure: {
        __resolveReference: async (ref: { id: unknown }, _args: unknown, ctx: RequestContext) => {
          if (typeof ref.id !== 'string') return null;
          // Wait only for a record the caller's own agency has just reported; anything else is answered at once.
          const row = pending.isPendingFor(ref.id, ctx.officer.agency) ? await projection.waitForSeizure(ref.id, opts.readYourWritesMs ?? 5000) : projection.seizure(ref.id);
          return row && access.visible(row, access.viewerOf(ctx.officer)) ? views.toSeizure(row, ctx.officer, ctx) : null;
        },
      },
      Mutation: {
        recordDisposition: async (_r: unknown, args: { input: Record<string, unknown> & { seizureId: string } }, ctx: RequestContext) => {
          requireRole(ctx.officer, 'REPORT');
          const row = projection.seizure(args.input.seizureId);
          // Do not reveal a seizure the caller may not see; refuse one they see but do not own.
          if (!row || !access.visible(row, access.viewerOf(ctx.officer)))
            throw new TracebridgeError('TB_ERR_SEIZURE_NOT_FOUND', 'no such seizure', { details: { path: ['input', 'seizureId'] } });
          if (row.originator_agency !== ctx.officer.agency)
            throw new TracebridgeError('TB_ERR_NOT_ORIGINATOR', 'only the originating agency may record dispositions of its seizures');
          const input = Object.fromEntries(Object.entries(args.input).filter(([, v]) => v !== null));
          const reply = await requestDisposition(rpc, ctx.officer, row.originator_agency, input);
          if (reply.error) throw new TracebridgeError(reply.error.code as ErrorCode, reply.error.message, { details: { path: reply.error.path ?? [] } });
          return reply.ok;
        },
      },
      Query: {
        seizure: (_r: unknown, args: { id: string }, ctx: RequestContext) => {
          const row = projection.seizure(args.id);
          return row && access.visible(row, access.viewerOf(ctx.officer)) ? views.toSeizure(row, ctx.officer, ctx) : null;
        },
        seizures: (_r: unknown, rawArgs: Parameters<typeof parseSeizuresArgs>[0], ctx: RequestContext) => {
          const args = parseSeizuresArgs(rawArgs);
          const page = views.list(access.viewerOf(ctx.officer), args.filter ?? {}, pageSize(args.first, 20, 100), cursors.open('seizures', args.after));
          return {
            // Functions: built (and audited) only when the query asks for them; a count reads no record.
            nodes: () => page.rows.map((r) => views.toSeizure(r, ctx.officer, ctx)),
            totalCount: page.totalCount,
            pageInfo: { endCursor: cursors.seal('seizures', page.endCursor), hasNextPage: page.hasNextPage },
          };
        },
        serialCheck: (_r: unknown, args: { manufacturer: string; serialNumber: string }, ctx: RequestContext) => {
          requireRole(ctx.officer, 'CHECK_SERIALS');
          const serial = normaliseSerial(args.serialNumber.slice(0, 64));
          if (serial === null || args.manufacturer.trim() === '') return [];
          return checkSerials(ctx.officer, [{ manufacturer: args.manufacturer.slice(0, 120), serialNormalised: serial }]);
        },
        readsOfMyRecords: (_r: unknown, args: { recordId?: string | null; first?: number | null }, ctx: RequestContext) => {
          requireRole(ctx.officer, 'READ_ACCESS_AUDIT');
          return audit
            .readsOf(ctx.officer.agency, args.recordId ?? null, pageSize(args.first, 100, 500))
            .map((r) => ({ recordId: r.record_id, reader: access.holderDto(r.reader_agency), readerSubject: r.reader_subject, at: r.at }));
        },
        hitsOnMyRecords: (_r: unknown, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
          requireRole(ctx.officer, 'READ_HIT_NOTICES');
          const page = notices.pageFor(ctx.officer.agency, pageSize(args.first, 50, 500), cursors.open('hitsOnMyRecords', args.after));
          return {
            nodes: page.rows.map((n) => ({ recordId: n.record_id, queriedBy: access.holderDto(n.queried_by), at: n.last_at, firstAt: n.first_at, count: n.count })),
            totalCount: page.totalCount,
            pageInfo: { endCursor: cursors.seal('hitsOnMyRecords', page.rows.at(-1)?.seq ?? null), hasNextPage: page.hasNextPage },
          };
        },
      },
    },
  });
  // The request's reads are written once it has resolved, before the answer leaves the hub.
  app.graphql.addHook('onResolution', (_execution, context) => {
    audit.flush(context);
  });
  return { app, close: () => responder.unsubscribe() };
}
