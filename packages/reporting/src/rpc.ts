import { requestService, rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import {
  HUB_SERVICE,
  mayPerform,
  type RecordFamily,
  type Tlp,
  PersonsRequest,
  rpcSubjects,
  SerialCheckReply,
  type HitDto,
  type ReportFacts,
  type ReportWarningDto,
  type PersonIdentity,
  type SerialCheckRequest,
  type DirectoryAgreement,
} from '@tracebridge/contracts';
import type { Officer } from '@tracebridge/identity';
import { agreementsInForce, createAccessPolicy, type PolicyRecord } from '@tracebridge/policy';

/**
 * Ask the liaison hub to match a report's serials (as the reporting
 * officer, under policy; the holders are notified) and run its report
 * checks. Undefined when the hub does not answer in time or its answer does
 * not verify: the report is already durable, its answer says the shared view
 * is PENDING, and the officer can run serialCheck later. Never throws: nothing
 * after the append may fail a report.
 */
export async function requestSerialCheck(
  rpc: ServiceRpc,
  viewer: Officer,
  items: readonly { manufacturer?: string; serial?: { normalised: string | null } }[],
  reported: { recordId: string; family: RecordFamily; handling: { tlp: Tlp; releasableTo: string[] }; report?: ReportFacts },
): Promise<{ hits: HitDto[]; warnings: ReportWarningDto[] } | undefined> {
  try {
    const queries = items.filter((i) => i.manufacturer && i.serial?.normalised).map((i) => ({ manufacturer: i.manufacturer!, serialNormalised: i.serial!.normalised! }));
    const body = await requestService(rpc.nc, rpc.me, rpc.registry, {
      subject: rpcSubjects.serialCheck,
      to: HUB_SERVICE,
      viewer,
      body: {
        queries,
        reportedRecordId: reported.recordId,
        reportedHandling: reported.handling,
        reportedFamily: reported.family,
        ...(reported.report ? { report: reported.report } : {}),
      } satisfies SerialCheckRequest,
    });
    return SerialCheckReply.parse(body);
  } catch (err) {
    rpc.logger?.warn({ code: (err as { code?: string }).code }, 'serial check by the hub unavailable');
    return undefined;
  }
}

/**
 * Answer the hub's requests for person identities of this agency's
 * seizures: only the hub may ask, for an officer whose roles allow it and
 * whom the access policy (the same Cedar policy the hub applies, asked
 * here where the identities live, with the agency's own agreements the hub
 * names) lets see them; the reply is encrypted to the hub, which stores nothing.
 */
export function servePersonIdentities(
  rpc: ServiceRpc,
  agency: string,
  lookup: (seizureId: string) => Promise<{ record: PolicyRecord; persons: PersonIdentity[] } | undefined>,
  /** The agency's own directory agreements by id, from its own store (ADR 11). */
  agreements: (ids: readonly string[]) => Promise<DirectoryAgreement[]>,
  clock: () => Date = () => new Date(),
): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.persons(agency),
    queue: `persons-${agency}`,
    encrypt: true,
    authorise: rpcRules.fromHub,
    handle: async (req) => {
      const { seizureId, agreementIds } = PersonsRequest.parse(req.body);
      const viewer = req.viewer;
      if (!viewer || !mayPerform(viewer.roles, 'SEE_PERSON_IDENTITIES')) return { persons: null };
      const found = await lookup(seizureId);
      if (!found) return { persons: null };
      // Only agreements this agency signed itself, in force now, can open person identities to another agency.
      const inForce = agreementsInForce(await agreements(agreementIds), clock());
      const policy = createAccessPolicy({ agreements: inForce });
      const groups = rpc.registry().agency(viewer.agency)?.groups ?? [];
      const allowed = policy.maySeePersonIdentities(found.record, { agency: viewer.agency, state: viewer.state, groups });
      return { persons: allowed ? found.persons : null };
    },
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
