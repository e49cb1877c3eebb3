import type { ServiceRpc } from '@tracebridge/bus';
import type { EmbargoRegime } from '@tracebridge/domain';
import { DateTimeScalar, ForbiddenError, requireRole, type RequestContext } from '@tracebridge/server';
import type { ReportingKind } from './agencyKinds';
import { seizureInputsSdl } from './agencySdl';
import type { AgencySubgraph } from './agencySubgraph';
import type { HostedAgency } from './agencyService';
import { serveDispositions } from './dispositions';
import { forms, type Form } from './forms';
import { servedIdentities } from './personVault';
import { createSeizureReporter } from './reportSeizure';
import { ownAgreements } from './agreements';
import { servePersonLinks } from './personLinks';
import { servePersonIdentities } from './rpc';
import { reportStockpileLoss, stockpileLossSdl } from './stockpileLoss';

export interface SeizureReportingDeps {
  kind: ReportingKind;
  hosted: ReadonlyMap<string, HostedAgency>;
  rpc: ServiceRpc;
  embargoes: EmbargoRegime[];
  clock: () => Date;
}

/**
 * The side of a reporting kind (customs, police, border): its form's
 * mutation (police: stockpile losses too), and the answers to the hub's
 * requests for person identities and dispositions of its agencies' seizures.
 */
export function seizureReporting(deps: SeizureReportingDeps): AgencySubgraph {
  const { kind, hosted, rpc, clock } = deps;
  const form = forms[kind] as unknown as Form;
  const agencies = [...hosted.values()];
  // Person identities: the same Cedar policy the hub applies, with the agency's own agreements from its own store.
  const personServers = agencies.map((a) =>
    servePersonIdentities(
      rpc,
      a.id,
      (seizureId) => servedIdentities(a, seizureId),
      (ids) => ownAgreements(a.store, ids),
      clock,
    ),
  );
  const dispositionServers = agencies.map((a) => serveDispositions(rpc, { ...a, kind }, clock));
  const personLinkServers = agencies.map((a) => servePersonLinks(rpc, a));
  const report = createSeizureReporter({ kind, form, hosted, rpc, embargoes: deps.embargoes, clock });

  const hostedAgencyOf = (ctx: RequestContext) => {
    const agency = hosted.get(ctx.officer.agency);
    if (!agency || ctx.officer.kind !== kind) throw new ForbiddenError(`agency ${ctx.officer.agency} is not served here`);
    requireRole(ctx.officer, 'REPORT');
    return agency;
  };

  return {
    schema: `${seizureInputsSdl}\n${form.sdl}\n${kind === 'POLICE' ? stockpileLossSdl : ''}`,
    resolvers: {
      DateTime: DateTimeScalar,
      Query: { [form.listQuery]: () => [...hosted.keys()] },
      Mutation: {
        [form.mutation]: (_root: unknown, args: { input: unknown }, ctx: RequestContext) => report(args.input, ctx),
        ...(kind === 'POLICE'
          ? {
              reportStockpileLoss: (_root: unknown, args: { input: unknown }, ctx: RequestContext) =>
                reportStockpileLoss(rpc, { ...hostedAgencyOf(ctx), kind }, args.input, ctx, clock().toISOString()),
            }
          : {}),
      },
    },
    stop: () => {
      for (const s of [...personServers, ...dispositionServers, ...personLinkServers]) s.unsubscribe();
    },
  };
}
