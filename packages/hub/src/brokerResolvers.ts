import { randomUUID } from 'node:crypto';
import {
  BrokerActivities,
  brokeringLicenceShape,
  CountryCode,
  ErrorCodes,
  Handling,
  IsoDateTime,
  rpcSubjects,
  Text,
  TracebridgeError,
  ValidationError,
  zodIssuesToPaths,
  type BrokerCommandBody,
} from '@tracebridge/contracts';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { z } from 'zod';
import { actThrough } from './acts';
import { utcIso, type BrokerRow } from './brokerProjection';
import type { BrokerViews } from './brokerViews';
import type { HubParts } from './resolvers';
import { dropNulls } from './args';

/** Instants travel in UTC: the hub compares them as strings. */
const Instant = IsoDateTime.transform(utcIso);
const RecordId = z.string().min(1).max(100);
const RegisterInput = z.object({
  name: Text(200),
  registrationNumber: Text(100),
  nationality: CountryCode.optional(),
  residence: CountryCode.optional(),
  activities: BrokerActivities,
  validUntil: Instant,
  conditions: Text(1000).optional(),
  handling: Handling.optional(),
});
const LicenceInput = z.object({ ...brokeringLicenceShape, brokerId: RecordId, transitStates: brokeringLicenceShape.transitStates.default([]), validUntil: Instant });
const FlagInput = z.object({ brokerId: RecordId, reason: Text(500), seizureId: RecordId.optional() });
const BrokersArgs = z.object({
  filter: z.object({ state: CountryCode.optional(), status: z.enum(['REGISTERED', 'SUSPENDED', 'REVOKED', 'EXPIRED']).optional(), name: Text(200).optional() }).optional(),
  first: z.number().int().optional(),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a cursor this service gave out')
    .optional(),
});

/** Input at the edge, as its schema says (GraphQL nulls taken as absent), or BAD_USER_INPUT with every offending path. */
function parse<S extends z.ZodType>(schema: S, raw: unknown, message: string, prefix: (string | number)[]): z.infer<S> {
  const parsed = schema.safeParse(dropNulls(raw));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, message, zodIssuesToPaths(parsed.error, prefix));
  return parsed.data;
}

const notFound = (path: (string | number)[]) => new TracebridgeError(ErrorCodes.BROKER_NOT_FOUND, 'no such broker', { details: { path } });

/** The broker registry's queries: one broker and the list, under the one policy (the visibility index). */
function brokerQueries(h: HubParts, views: BrokerViews) {
  const pageSize = (first: number | undefined) => Math.min(Math.max(first ?? 20, 1), 100);
  return {
    broker: (_r: unknown, args: { id: string }, ctx: RequestContext) => {
      const row = views.visibleRow(String(args.id).slice(0, 100), ctx.officer.agency);
      return row ? views.toBroker(row, ctx.officer, ctx) : null;
    },
    brokers: (_r: unknown, raw: { filter?: unknown; first?: number | null; after?: string | null }, ctx: RequestContext) => {
      const args = parse(BrokersArgs, raw, 'invalid brokers query', []);
      const page = views.list(ctx.officer.agency, args.filter ?? {}, pageSize(args.first), h.cursors.open('brokers', args.after));
      return {
        // Functions: built (and audited) only when the query asks for them; a count reads no record.
        nodes: () => page.rows.map((r) => views.toBroker(r, ctx.officer, ctx)),
        totalCount: page.totalCount,
        pageInfo: { endCursor: h.cursors.seal('brokers', page.endCursor), hasNextPage: page.hasNextPage },
      };
    },
  };
}

/**
 * What every broker mutation does: a licensing officer's act, decided,
 * signed and appended by the officer's own authority's service (ADR 12),
 * answered once the hub has applied it (read-your-writes). A refusal's path
 * is the decider's, under `prefix` and with `rename` applied.
 */
function brokerActs(h: HubParts, views: BrokerViews) {
  const act = async (ctx: RequestContext, command: BrokerCommandBody, where: { prefix: string[]; rename?: Record<string, string> }) => {
    const agency = ctx.officer.agency;
    let arrived: boolean;
    try {
      arrived = await actThrough(h, { subject: rpcSubjects.brokerCommand(agency), agency, viewer: ctx.officer, body: { command } }, where.rename);
    } catch (err) {
      if (!(err instanceof TracebridgeError) || where.prefix.length === 0) throw err;
      const path = (err.details as { path?: (string | number)[] }).path ?? [];
      throw new TracebridgeError(err.code, err.message, { details: { ...err.details, path: [...where.prefix, ...path] }, cause: err });
    }
    const row = h.projection.brokers.row(command.data.brokerId);
    if (!row || !arrived) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'your authority recorded it; the shared register has not taken it up yet');
    return views.toBroker(row, ctx.officer, ctx);
  };
  /** A broker of the officer's own register: one it may not see does not exist for it; another authority's is not its to act on. */
  const ownBroker = (ctx: RequestContext, id: string, path: (string | number)[]): BrokerRow => {
    requireRole(ctx.officer, 'MANAGE_BROKERS');
    const row = views.visibleRow(id, ctx.officer.agency);
    if (!row) throw notFound(path);
    if (row.originator_agency !== ctx.officer.agency)
      throw new TracebridgeError(ErrorCodes.NOT_BROKER_AUTHORITY, `only ${row.originator_agency}, which registered this broker, acts on it`, { details: { path } });
    return row;
  };
  return { act, ownBroker };
}

/** Registering and licensing: the broker's record and its transactions. */
function registrationMutations(h: HubParts, views: BrokerViews) {
  const { act, ownBroker } = brokerActs(h, views);
  return {
    registerBroker: (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'MANAGE_BROKERS');
      const { handling, ...input } = parse(RegisterInput, args.input, 'invalid broker registration', ['input']);
      if (h.projection.brokers.hasRegistration(ctx.officer.agency, input.registrationNumber))
        throw new TracebridgeError(ErrorCodes.BROKER_ALREADY_REGISTERED, 'your register holds a broker of this registration number already', {
          details: { path: ['input', 'registrationNumber'] },
        });
      // Registers are meant to be consulted across borders: GREEN unless the authority restricts it.
      const data = { brokerId: randomUUID(), ...input, handling: handling ?? { tlp: 'GREEN' as const } };
      return act(ctx, { type: 'RegisterBroker', data }, { prefix: ['input'] });
    },
    grantBrokeringLicence: (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'MANAGE_BROKERS');
      const input = parse(LicenceInput, args.input, 'invalid brokering licence', ['input']);
      ownBroker(ctx, input.brokerId, ['input', 'brokerId']);
      return act(ctx, { type: 'GrantBrokeringLicence', data: { ...input, licenceId: randomUUID() } }, { prefix: ['input'] });
    },
  };
}

/** Suspending, revoking and flagging a broker of one's register. */
function standingMutations(h: HubParts, views: BrokerViews) {
  const { act, ownBroker } = brokerActs(h, views);
  const reasonOf = (raw: unknown) => parse(z.object({ reason: Text(500) }), { reason: raw }, 'invalid reason', []).reason;
  return {
    suspendBroker: (_r: unknown, args: { id: string; reason: string }, ctx: RequestContext) => {
      const row = ownBroker(ctx, args.id, ['id']);
      return act(ctx, { type: 'SuspendBroker', data: { brokerId: row.id, reason: reasonOf(args.reason) } }, { prefix: [], rename: { brokerId: 'id' } });
    },
    revokeBroker: (_r: unknown, args: { id: string; reason: string }, ctx: RequestContext) => {
      const row = ownBroker(ctx, args.id, ['id']);
      return act(ctx, { type: 'RevokeBroker', data: { brokerId: row.id, reason: reasonOf(args.reason) } }, { prefix: [], rename: { brokerId: 'id' } });
    },
    flagBrokerActivity: (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
      requireRole(ctx.officer, 'MANAGE_BROKERS');
      const input = parse(FlagInput, args.input, 'invalid flag', ['input']);
      const row = ownBroker(ctx, input.brokerId, ['input', 'brokerId']);
      // A flag names only a seizure its authority may see: no flag becomes a way to learn that a hidden record exists.
      if (input.seizureId !== undefined && !h.views.visible(h.projection.seizure(input.seizureId), ctx.officer))
        throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no such seizure', { details: { path: ['input', 'seizureId'] } });
      return act(ctx, { type: 'FlagBrokerActivity', data: { ...input, brokerId: row.id, flagId: randomUUID() } }, { prefix: ['input'] });
    },
  };
}

/** The broker registry (ADR 12): read by every officer under the one policy, kept by each state's licensing officers. */
export function brokerResolvers(h: HubParts, views: BrokerViews) {
  return {
    Query: brokerQueries(h, views),
    Mutation: { ...registrationMutations(h, views), ...standingMutations(h, views) },
  };
}
