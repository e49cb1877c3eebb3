import { randomUUID } from 'node:crypto';
import { CountryCode, ErrorCodes, rpcSubjects, TraceBasis, TracebridgeError, TracePriority, Uuid, ValidationError, zodIssuesToPaths, type IssuePath } from '@tracebridge/contracts';
import { z } from 'zod';
import { traceDecider, type TraceCommand, type TraceState } from '@tracebridge/domain';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { actThrough } from './acts';
import type { HubParts } from './resolvers';
import type { TraceRow, TracingDirectory } from './traceTables';
import type { TraceFilter, TraceViews } from './traceViews';

const pageSize = (first: number | null | undefined) => Math.min(Math.max(first ?? 20, 1), 100);
const text = (v: string | null | undefined, max: number) => (v === null || v === undefined ? undefined : v.slice(0, max));

const free = (max: number) => z.string().max(max).nullish();
/** The requestTrace input at the edge; completeness is the decider's (every missing field named at once), the shapes are checked here. */
const TraceInput = z.object({
  seizureId: Uuid,
  itemId: Uuid,
  addressedState: CountryCode,
  basis: TraceBasis,
  priority: TracePriority,
  urgencyReason: free(1000),
  circumstances: free(4000),
  illicitReason: free(2000),
  intendedUse: free(2000),
  restrictions: free(1000),
  caseId: Uuid.nullish(),
});
type TraceInput = z.infer<typeof TraceInput>;

/**
 * Decide a tracing act at the hub first, as a dry run of the same pure
 * decider on the same state: the officer learns every refusal at once —
 * every missing field of an incomplete request — before anything is sent.
 * The officer's own service then decides again and signs.
 */
function dryRun(command: Omit<TraceCommand, 'metadata'>, state: TraceState, ctx: RequestContext, deadlines: HubParts['projection']['traces']['deadlines'], prefix: string[]): void {
  const full = { ...command, metadata: { now: new Date().toISOString(), actor: { agency: ctx.officer.agency, state: ctx.officer.state } } } as TraceCommand;
  if (full.type === 'RequestTrace') full.data = { ...full.data, deadlines };
  try {
    traceDecider.decide(full, state);
  } catch (err) {
    if (err instanceof ValidationError)
      throw new ValidationError(
        err.code,
        err.message,
        err.issues.map((i: IssuePath) => ({ ...i, path: [...prefix, ...i.path] })),
      );
    if (err instanceof TracebridgeError) {
      const path = (err.details.path as (string | number)[] | undefined) ?? [];
      throw new TracebridgeError(err.code, err.message, { details: { path: [...prefix, ...path] } });
    }
    throw err;
  }
}

/** Tracing requests (ADR 10): sent, acknowledged, answered or declined through the officer's own service; seen under the one policy. */
export function traceResolvers(h: HubParts, traces: TraceViews, tracing: TracingDirectory) {
  const projection = h.projection.traces;
  const visibleTrace = (ctx: RequestContext, id: string, path = 'id'): TraceRow => {
    const row = projection.row(id);
    if (!traces.visible(row, ctx.officer.agency)) throw new TracebridgeError(ErrorCodes.TRACE_NOT_FOUND, 'no such tracing request', { details: { path: [path] } });
    return row;
  };
  const act = async (ctx: RequestContext, command: Omit<TraceCommand, 'metadata'>, state: TraceState, prefix: string[]) => {
    requireRole(ctx.officer, 'TRACE');
    dryRun(command, state, ctx, projection.deadlines, prefix);
    const traceId = command.data.traceId;
    const arrived = await actThrough(h, { subject: rpcSubjects.traceCommand(ctx.officer.agency), agency: ctx.officer.agency, viewer: ctx.officer, body: { command, state } });
    const row = projection.row(traceId);
    if (!row || !arrived) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'your agency recorded the act; the shared view of the trace is not updated yet');
    return traces.dto(row, ctx.officer, ctx);
  };
  const onTrace = (ctx: RequestContext, id: string, command: (traceId: string) => Omit<TraceCommand, 'metadata'>) => {
    const row = visibleTrace(ctx, id);
    return act(ctx, command(row.id), JSON.parse(row.state) as TraceState, []);
  };

  return {
    Query: {
      trace: (_r: unknown, args: { id: string }, ctx: RequestContext) => {
        const row = projection.row(args.id);
        return traces.visible(row, ctx.officer.agency) ? traces.dto(row, ctx.officer, ctx) : null;
      },
      traces: (_r: unknown, args: TraceFilter & { first?: number | null; after?: string | null }, ctx: RequestContext) => {
        const all = traces.list(ctx.officer, args);
        const offset = args.after ? h.cursors.open('traces', args.after) : 0;
        const page = all.slice(offset, offset + pageSize(args.first));
        const end = offset + page.length;
        return {
          nodes: page.map((r) => traces.dto(r, ctx.officer, ctx)),
          totalCount: all.length,
          pageInfo: { endCursor: h.cursors.seal('traces', end > 0 ? end : null), hasNextPage: end < all.length },
        };
      },
    },
    Mutation: {
      requestTrace: (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
        const parsed = TraceInput.safeParse(args.input);
        if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid tracing request', zodIssuesToPaths(parsed.error, ['input']));
        return act(ctx, requestCommand(h, tracing, ctx, parsed.data), traceDecider.initialState(), ['input']);
      },
      acknowledgeTrace: (_r: unknown, args: { id: string }, ctx: RequestContext) => onTrace(ctx, args.id, (traceId) => ({ type: 'AcknowledgeTrace', data: { traceId } })),
      answerTrace: (_r: unknown, args: { id: string; findings: Record<string, string | null> }, ctx: RequestContext) =>
        onTrace(ctx, args.id, (traceId) => ({
          type: 'AnswerTrace',
          data: { traceId, findings: Object.fromEntries(Object.entries(args.findings).flatMap(([k, v]) => (v?.trim() ? [[k, v.trim().slice(0, 4000)]] : []))) },
        })),
      declineTrace: (_r: unknown, args: { id: string; reason: string }, ctx: RequestContext) =>
        onTrace(ctx, args.id, (traceId) => ({ type: 'DeclineTrace', data: { traceId, reason: args.reason.slice(0, 2000) } })),
    },
  };
}

/** The request an officer's input makes, with what the hub holds: the item as its seizure records it, the addressed state's point of contact. */
function requestCommand(h: HubParts, tracing: TracingDirectory, ctx: RequestContext, input: TraceInput): Omit<TraceCommand, 'metadata'> {
  const i = input;
  const seizure = h.projection.seizure(i.seizureId);
  if (!h.views.visible(seizure, ctx.officer)) throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no such seizure', { details: { path: ['input', 'seizureId'] } });
  // Seen through a case grant, or another agency's H2 record: its markings are not the requester's to send to another state.
  if (!h.projection.traces.mayTrace(ctx.officer.agency, i.seizureId))
    throw new TracebridgeError(ErrorCodes.NOT_ORIGINATOR, 'this seizure is shared with you, not yours to pass on: ask its originator to request the trace', {
      details: { path: ['input', 'seizureId'] },
    });
  const item = h.projection.traces.item(i.seizureId, i.itemId);
  if (!item) throw new TracebridgeError(ErrorCodes.ITEM_NOT_FOUND, 'no such item in this seizure', { details: { path: ['input', 'itemId'] } });
  if (i.caseId && h.projection.cases.state(i.caseId)?.participants[ctx.officer.agency] !== 'ACTIVE')
    throw new TracebridgeError(ErrorCodes.CASE_NOT_FOUND, 'no such case', { details: { path: ['input', 'caseId'] } });
  const { itemId: _id, kind: _kind, quantity: _q, ...snapshot } = item;
  const data = {
    traceId: randomUUID(),
    seizureId: i.seizureId,
    itemId: i.itemId,
    item: snapshot,
    addressedState: i.addressedState,
    basis: i.basis,
    priority: i.priority,
    ...Object.fromEntries((['urgencyReason', 'circumstances', 'illicitReason', 'intendedUse', 'restrictions'] as const).flatMap((k) => (i[k] ? [[k, text(i[k], 4000)]] : []))),
    ...(i.caseId ? { caseId: i.caseId } : {}),
    pointOfContact: tracing.pointOfContactFor(i.addressedState),
  };
  return { type: 'RequestTrace', data };
}
