import type { Tlp } from '@tracebridge/contracts';
import type { Officer, TrustRegistry } from '@tracebridge/identity';
import { createAccessPolicy, type PolicyRecord, type Viewer } from '@tracebridge/policy';

/** The columns every projected record keeps for the access policy. */
export interface PolicyColumns {
  originator_agency: string;
  originator_state: string;
  tlp: string;
  releasable_to: string;
}

/**
 * Access policy v1 in Cedar, checked here where the data is served
 * (invariant 5), with the registry's view of agencies and groups.
 */
export function createHubAccess(registry: () => TrustRegistry) {
  const policy = createAccessPolicy();
  const viewerOf = (o: Officer): Viewer => ({ agency: o.agency, state: o.state, groups: registry().agency(o.agency)?.groups ?? [] });
  const recordOf = (row: PolicyColumns): PolicyRecord => ({
    originator: { agency: row.originator_agency, state: row.originator_state },
    handling: { tlp: row.tlp as Tlp, releasableTo: JSON.parse(row.releasable_to) as string[] },
  });
  const agencyDto = (id: string) => {
    const a = registry().agency(id);
    return { id, country: a?.state ?? '', kind: a?.kind ?? '', name: a?.name ?? id };
  };
  return {
    viewerOf,
    agencyDto,
    holderDto: (id: string) => {
      const a = agencyDto(id);
      return { id: a.id, country: a.country, kind: a.kind };
    },
    visible: (row: PolicyColumns, viewer: Viewer): boolean => policy.mayView(recordOf(row), viewer),
    maySeePersonIdentities: (row: PolicyColumns, officer: Officer): boolean => policy.maySeePersonIdentities(recordOf(row), viewerOf(officer)),
  };
}
export type HubAccess = ReturnType<typeof createHubAccess>;
