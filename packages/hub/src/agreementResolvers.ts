import { randomUUID } from 'node:crypto';
import { agreementTermsShape, ErrorCodes, IsoDateTime, rpcSubjects, TracebridgeError, ValidationError, zodIssuesToPaths, type DirectoryAgreement } from '@tracebridge/contracts';
import { z } from 'zod';
import { agreementStatusAt } from '@tracebridge/policy';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { actThrough } from './acts';
import { AGREEMENTS_PER_ORIGINATOR } from './agreementProjection';
import type { HubParts } from './resolvers';

/** The createSharingAgreement input at the edge: the terms' own schema (the decider checks them again where they are signed). */
const AgreementInput = z.object({ ...agreementTermsShape, validFrom: IsoDateTime.nullish(), validUntil: IsoDateTime.nullish() });

/** Sharing agreements (ADR 11): made and revoked by the originator's own service, known to the originator and its parties. */
export function agreementResolvers(h: HubParts, clock: () => Date) {
  const agreements = h.projection.agreements;
  const dto = (a: DirectoryAgreement) => ({
    ...a,
    originator: h.directory.holderDto(a.originator),
    validUntil: a.validUntil ?? null,
    revokedAt: a.revokedAt ?? null,
    status: agreementStatusAt(a, clock()),
  });
  const act = async (ctx: RequestContext, command: unknown, agreementId: string) => {
    requireRole(ctx.officer, 'MANAGE_AGREEMENTS');
    const arrived = await actThrough(
      h,
      { subject: rpcSubjects.agreementCommand(ctx.officer.agency), agency: ctx.officer.agency, viewer: ctx.officer, body: { command } },
      {
        agreementId: 'id',
      },
    );
    const a = agreements.get(agreementId);
    if (!a || !arrived) throw new TracebridgeError(ErrorCodes.SERVICE_UNAVAILABLE, 'your agency recorded the agreement; the views have not taken it up yet');
    return dto(a);
  };
  return {
    Query: {
      sharingAgreements: (_r: unknown, _a: unknown, ctx: RequestContext) => {
        const groups = h.projection.visibility.policy.viewerOf(ctx.officer).groups;
        const mine = (a: DirectoryAgreement) => a.originator === ctx.officer.agency || a.parties.includes(ctx.officer.agency) || a.parties.some((p) => groups.includes(p));
        return agreements.all().filter(mine).map(dto);
      },
      explainAccess: (_r: unknown, args: { recordId: string; agencyId: string }, ctx: RequestContext) => {
        const row = h.projection.seizure(args.recordId);
        // Only the originator learns why others can or cannot see its record.
        if (!row || row.originator_agency !== ctx.officer.agency) return null;
        const grantees = h.projection.visibility.granteesOf(row.id);
        return h.projection.visibility.policy.explain({ ...row, grantees }, args.agencyId.slice(0, 64));
      },
    },
    Mutation: {
      createSharingAgreement: (_r: unknown, args: { input: unknown }, ctx: RequestContext) => {
        const parsed = AgreementInput.safeParse(args.input);
        if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid sharing agreement', zodIssuesToPaths(parsed.error, ['input']));
        if (agreements.liveOf(ctx.officer.agency) >= AGREEMENTS_PER_ORIGINATOR)
          throw new TracebridgeError(ErrorCodes.AGREEMENT_LIMIT_REACHED, `your agency holds ${AGREEMENTS_PER_ORIGINATOR} agreements: revoke one first`);
        const { validFrom, validUntil, ...terms } = parsed.data;
        const agreementId = randomUUID();
        const data = { agreementId, ...terms, validFrom: validFrom ?? clock().toISOString(), ...(validUntil ? { validUntil } : {}) };
        return act(ctx, { type: 'CreateSharingAgreement', data }, agreementId);
      },
      revokeSharingAgreement: (_r: unknown, args: { id: string; reason?: string | null }, ctx: RequestContext) => {
        const a = agreements.get(args.id);
        if (!a || a.originator !== ctx.officer.agency)
          throw new TracebridgeError(ErrorCodes.AGREEMENT_NOT_FOUND, 'no such agreement of your agency', { details: { path: ['id'] } });
        return act(ctx, { type: 'RevokeSharingAgreement', data: { agreementId: a.id, ...(args.reason?.trim() ? { reason: args.reason.trim() } : {}) } }, a.id);
      },
    },
  };
}
