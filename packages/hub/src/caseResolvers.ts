import { randomUUID } from 'node:crypto';
import { ErrorCodes, Handling, rpcSubjects, Text, TracebridgeError, ValidationError, zodIssuesToPaths, type CaseCommandBody } from '@tracebridge/contracts';
import { caseDecider, type CaseState } from '@tracebridge/domain';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { z } from 'zod';
import type { AttachmentRow } from './caseTables';
import { shareStatusFilter, type CaseViews } from './caseViews';
import { actThrough } from './acts';
import type { HubParts } from './resolvers';

const CaseInput = z.object({ title: Text(200), summary: Text(4000), handling: Handling });
const NoteInput = z.object({ text: Text(4000), handling: Handling });
const pageSize = (first: number | null | undefined) => Math.min(Math.max(first ?? 20, 1), 100);

function parseInput<S extends z.ZodType>(schema: S, raw: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, message, zodIssuesToPaths(parsed.error, ['input']));
  return parsed.data;
}

/** What every case mutation does: check who asks and what they may see, decide through their own service, wait for the act to come back. */
function caseActs(h: HubParts, cases: CaseViews) {
  return {
    /** Decide through the officer's service and wait until the hub has applied the act; false if it has not arrived in time. */
    act: (ctx: RequestContext, command: CaseCommandBody, state: CaseState, paths: Record<string, string> = {}): Promise<boolean> => {
      requireRole(ctx.officer, 'WORK_CASES');
      return actThrough(h, { subject: rpcSubjects.caseCommand(ctx.officer.agency), agency: ctx.officer.agency, viewer: ctx.officer, body: { command, state } }, paths);
    },
    /** The case, if the officer may see it; else it does not exist for them. */
    visibleCase: (ctx: RequestContext, caseId: string) => {
      const row = cases.caseRow(caseId);
      if (!cases.accessTo(row, ctx.officer.agency)) throw new TracebridgeError(ErrorCodes.CASE_NOT_FOUND, 'no such case', { details: { path: ['caseId'] } });
      return { row: row!, state: h.projection.cases.state(caseId)! };
    },
    caseView: (ctx: RequestContext, caseId: string) => {
      const row = cases.caseRow(caseId);
      if (!row) throw pending('the case');
      // One who just declined or left still gets the case as it now stands, without its content.
      return cases.caseDto(row, ctx.officer, ctx, cases.accessTo(row, ctx.officer.agency) ?? 'HEADER');
    },
    /** A share request (an attachment) of one of the officer's agency's records; others' do not exist for them. */
    ownAttachment: (ctx: RequestContext, id: string, path: string): AttachmentRow => {
      const a = cases.attachment(id);
      if (!a || a.holder !== ctx.officer.agency) throw new TracebridgeError(ErrorCodes.ATTACHMENT_NOT_FOUND, 'no such share request', { details: { path: [path] } });
      return a;
    },
  };
}

const pending = (what: string) => new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, `${what} is recorded by your agency; the shared case view is not updated yet`);

/** Cases the viewer may see, and the share requests for its records. */
function caseQueries(h: HubParts, cases: CaseViews) {
  return {
    case: (_r: unknown, args: { id: string }, ctx: RequestContext) => {
      const row = cases.caseRow(args.id);
      const access = cases.accessTo(row, ctx.officer.agency);
      return access ? cases.caseDto(row!, ctx.officer, ctx, access) : null;
    },
    cases: (_r: unknown, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
      const all = cases.casesOf(ctx.officer.agency);
      const after = h.cursors.open('cases', args.after);
      const rest = after > 0 ? all.filter((c) => c.row.seq < after) : all;
      const page = rest.slice(0, pageSize(args.first));
      return {
        nodes: page.map((c) => cases.caseDto(c.row, ctx.officer, ctx, c.access)),
        totalCount: all.length,
        pageInfo: { endCursor: h.cursors.seal('cases', page.at(-1)?.row.seq ?? null), hasNextPage: rest.length > page.length },
      };
    },
    shareRequests: (_r: unknown, args: { status?: string | null }, ctx: RequestContext) =>
      cases.shareRequestsOf(ctx.officer.agency, args.status ? shareStatusFilter(args.status) : null).map((a) => cases.shareRequestDto(a, ctx.officer, ctx)),
  };
}

/** Opening, inviting, answering, leaving: who takes part. */
function membershipMutations(h: HubParts, cases: CaseViews) {
  const { act, visibleCase, caseView } = caseActs(h, cases);
  return {
    openCase: async (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
      const input = parseInput(CaseInput, args.input, 'invalid case');
      const caseId = randomUUID();
      await act(ctx, { type: 'OpenCase', data: { caseId, ...input } }, caseDecider.initialState(), { caseId: 'input' });
      return caseView(ctx, caseId);
    },
    inviteToCase: async (_r: unknown, args: { caseId: string; agencyId: string }, ctx: RequestContext) => {
      const { state } = visibleCase(ctx, args.caseId);
      const agency = args.agencyId.slice(0, 64);
      const data = { caseId: args.caseId, agency, inviteeMaySeeCase: h.projection.cases.inviteeMaySee(state, agency) };
      if (!(await act(ctx, { type: 'InviteToCase', data }, state, { agency: 'agencyId' }))) throw pending('the invitation');
      return caseView(ctx, args.caseId);
    },
    respondToCaseInvitation: async (_r: unknown, args: { caseId: string; accept: boolean }, ctx: RequestContext) => {
      const { state } = visibleCase(ctx, args.caseId);
      if (!(await act(ctx, { type: 'RespondToCaseInvitation', data: { caseId: args.caseId, accept: args.accept } }, state))) throw pending('your answer');
      return caseView(ctx, args.caseId);
    },
    leaveCase: async (_r: unknown, args: { caseId: string }, ctx: RequestContext) => {
      const { state } = visibleCase(ctx, args.caseId);
      if (!(await act(ctx, { type: 'LeaveCase', data: { caseId: args.caseId } }, state))) throw pending('your leaving');
      return caseView(ctx, args.caseId);
    },
  };
}

/** Attaching, noting, and the holder's decisions on its records. */
function recordMutations(h: HubParts, cases: CaseViews) {
  const { act, visibleCase, ownAttachment } = caseActs(h, cases);
  const stateOf = (caseId: string) => h.projection.cases.state(caseId)!;
  return {
    attachToCase: async (_r: unknown, args: { caseId: string; recordId: string }, ctx: RequestContext) => {
      const { state } = visibleCase(ctx, args.caseId);
      const facts = h.projection.cases.attachFacts(state, args.recordId.slice(0, 100), ctx.officer.agency);
      // A record the officer may not see is, to them, a record that does not exist.
      if (!facts) throw new TracebridgeError(ErrorCodes.SEIZURE_NOT_FOUND, 'no such record', { details: { path: ['recordId'] } });
      const attachmentId = randomUUID();
      const record = { id: args.recordId, family: facts.record.family, holder: facts.record.holder, handlingCode: facts.record.code };
      await act(
        ctx,
        { type: 'AttachToCase', data: { caseId: args.caseId, attachmentId, record, attacherMaySee: true, everyParticipantMaySee: facts.everyParticipantMaySee } },
        state,
        {
          attachmentId: 'recordId',
        },
      );
      const a = cases.attachment(attachmentId);
      if (!a) throw pending('the attachment');
      return cases.attachmentDto(a, ctx.officer, ctx);
    },
    addCaseNote: async (_r: unknown, args: { caseId: string; input: unknown }, ctx: RequestContext) => {
      const { state } = visibleCase(ctx, args.caseId);
      const input = parseInput(NoteInput, args.input, 'invalid note');
      const noteId = randomUUID();
      await act(ctx, { type: 'AddCaseNote', data: { caseId: args.caseId, noteId, ...input } }, state);
      const n = cases.note(noteId);
      if (!n) throw pending('the note');
      return cases.noteDto(n);
    },
    decideShareRequest: async (_r: unknown, args: { id: string; grant: boolean; reason?: string | null }, ctx: RequestContext) => {
      const a = ownAttachment(ctx, args.id, 'id');
      const reason = args.reason?.trim() ? args.reason.trim().slice(0, 1000) : undefined;
      const data = { caseId: a.case_id, attachmentId: a.id, grant: args.grant, ...(reason ? { reason } : {}) };
      if (!(await act(ctx, { type: 'DecideShareRequest', data }, stateOf(a.case_id), { attachmentId: 'id' }))) throw pending('your decision');
      return cases.shareRequestDto(cases.attachment(a.id)!, ctx.officer, ctx);
    },
    withdrawShare: async (_r: unknown, args: { requestId: string }, ctx: RequestContext) => {
      const a = ownAttachment(ctx, args.requestId, 'requestId');
      if (!(await act(ctx, { type: 'WithdrawShare', data: { caseId: a.case_id, attachmentId: a.id } }, stateOf(a.case_id), { attachmentId: 'requestId' })))
        throw pending('the withdrawal');
      return cases.shareRequestDto(cases.attachment(a.id)!, ctx.officer, ctx);
    },
  };
}

/**
 * The case resolvers (ADR 9). For every act the hub checks who asks and
 * what they may see, adds the facts only its policy knows, and asks the
 * officer's own agency service to decide, sign and append it; it answers
 * once the act has come back through the bus and been applied here
 * (read-your-writes), so the officer sees the case as everyone will.
 */
export function caseResolvers(h: HubParts, cases: CaseViews) {
  return {
    Query: caseQueries(h, cases),
    Mutation: { ...membershipMutations(h, cases), ...recordMutations(h, cases) },
    CaseRecord: { __resolveType: (obj: { __typename?: string }) => obj.__typename ?? 'Seizure' },
  };
}
