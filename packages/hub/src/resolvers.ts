import type { ServiceRpc } from '@tracebridge/bus';
import { normaliseSerial, TracebridgeError, type ErrorCode } from '@tracebridge/contracts';
import { requireRole, type RequestContext } from '@tracebridge/server';
import type { AgencyDirectory } from './access';
import { parseSeizuresArgs } from './args';
import type { ReadAudit } from './audit';
import type { createCursorSeal } from './cursors';
import type { HitNotices } from './notices';
import { requestDisposition } from './originatorRpc';
import type { LiaisonProjection } from './projection';
import type { createSeizureViews } from './seizureViews';
import type { PendingReports, SerialChecks } from './serialChecks';

/** What the hub's resolvers work with: built once by buildLiaison. */
export interface HubParts {
  projection: LiaisonProjection;
  directory: AgencyDirectory;
  audit: ReadAudit;
  notices: HitNotices;
  views: ReturnType<typeof createSeizureViews>;
  checkSerials: SerialChecks;
  pending: PendingReports;
  cursors: ReturnType<typeof createCursorSeal>;
  rpc: ServiceRpc;
  readYourWritesMs: number;
}

const pageSize = (first: number | null | undefined, dflt: number, max: number) => Math.min(Math.max(first ?? dflt, 1), max);

/** The shared seizure views: one record (also as a federation entity) and the filtered list, under the originator's policy. */
export function seizureResolvers(h: HubParts) {
  const visibleRow = (id: string, ctx: RequestContext, row = h.projection.seizure(id)) => (h.views.visible(row, ctx.officer) ? h.views.toSeizure(row, ctx.officer, ctx) : null);
  return {
    Seizure: {
      __resolveReference: async (ref: { id: unknown }, _args: unknown, ctx: RequestContext) => {
        if (typeof ref.id !== 'string') return null;
        // Wait only for a record the caller's own agency has just reported; anything else is answered at once.
        const row = h.pending.isPendingFor(ref.id, ctx.officer.agency) ? await h.projection.waitForSeizure(ref.id, h.readYourWritesMs) : h.projection.seizure(ref.id);
        return visibleRow(ref.id, ctx, row);
      },
    },
    Query: {
      seizure: (_r: unknown, args: { id: string }, ctx: RequestContext) => visibleRow(args.id, ctx),
      seizures: (_r: unknown, rawArgs: Parameters<typeof parseSeizuresArgs>[0], ctx: RequestContext) => {
        const args = parseSeizuresArgs(rawArgs);
        const page = h.views.list(ctx.officer.agency, args.filter ?? {}, pageSize(args.first, 20, 100), h.cursors.open('seizures', args.after));
        return {
          // Functions: built (and audited) only when the query asks for them; a count reads no record.
          nodes: () => page.rows.map((r) => h.views.toSeizure(r, ctx.officer, ctx)),
          totalCount: page.totalCount,
          pageInfo: { endCursor: h.cursors.seal('seizures', page.endCursor), hasNextPage: page.hasNextPage },
        };
      },
    },
  };
}

/** Hit/no-hit serial checks, the hit notices of one's own records, and the access audit. */
export function checkAndAuditResolvers(h: HubParts) {
  return {
    serialCheck: (_r: unknown, args: { manufacturer: string; serialNumber: string }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'CHECK_SERIALS');
      const serial = normaliseSerial(args.serialNumber.slice(0, 64));
      if (serial === null || args.manufacturer.trim() === '') return [];
      return h.checkSerials({ officer: ctx.officer, queries: [{ manufacturer: args.manufacturer.slice(0, 120), serialNormalised: serial }] });
    },
    readsOfMyRecords: (_r: unknown, args: { recordId?: string | null; first?: number | null }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'READ_ACCESS_AUDIT');
      return h.audit
        .readsOf(ctx.officer.agency, args.recordId ?? null, pageSize(args.first, 100, 500))
        .map((r) => ({ recordId: r.record_id, reader: h.directory.holderDto(r.reader_agency), readerSubject: r.reader_subject, at: r.at, kind: r.kind }));
    },
    hitsOnMyRecords: (_r: unknown, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'READ_HIT_NOTICES');
      const page = h.notices.pageFor(ctx.officer.agency, pageSize(args.first, 50, 500), h.cursors.open('hitsOnMyRecords', args.after));
      return {
        nodes: page.rows.map((n) => ({ recordId: n.record_id, queriedBy: h.directory.holderDto(n.queried_by), at: n.last_at, firstAt: n.first_at, count: n.count })),
        totalCount: page.totalCount,
        pageInfo: { endCursor: h.cursors.seal('hitsOnMyRecords', page.rows.at(-1)?.seq ?? null), hasNextPage: page.hasNextPage },
      };
    },
  };
}

/** A disposition is the originator's to record: the hub checks who asks, and its service decides and signs. */
export function dispositionResolvers(h: HubParts) {
  return {
    recordDisposition: async (_r: unknown, args: { input: Record<string, unknown> & { seizureId: string } }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'REPORT');
      const row = h.projection.seizure(args.input.seizureId);
      // Do not reveal a seizure the caller may not see; refuse one they see but do not own.
      if (!h.views.visible(row, ctx.officer)) throw new TracebridgeError('TB_ERR_SEIZURE_NOT_FOUND', 'no such seizure', { details: { path: ['input', 'seizureId'] } });
      if (row.originator_agency !== ctx.officer.agency) throw new TracebridgeError('TB_ERR_NOT_ORIGINATOR', 'only the originating agency may record dispositions of its seizures');
      const input = Object.fromEntries(Object.entries(args.input).filter(([, v]) => v !== null));
      const reply = await requestDisposition(h.rpc, ctx.officer, row.originator_agency, input);
      if (reply.error) throw new TracebridgeError(reply.error.code as ErrorCode, reply.error.message, { details: { path: reply.error.path ?? [] } });
      return reply.ok;
    },
  };
}
