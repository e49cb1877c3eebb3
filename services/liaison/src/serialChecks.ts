import type Database from 'better-sqlite3';
import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { normaliseManufacturer } from '@tracebridge/contracts';
import { ExpiringMap, type Officer } from '@tracebridge/identity';
import { rpcSubjects, SerialCheckRequest, type HitDto } from '@tracebridge/contracts';
import type { HubAccess, PolicyColumns } from './access';
import type { HitNotices } from './notices';

/** A single value may match at most this many records: hit/no-hit is not a search engine (domain.md, lesson 3). */
const MAX_MATCHES_PER_VALUE = 20;

type ItemMatch = PolicyColumns & { record_id: string; record_kind: 'SEIZURE' | 'STOCKPILE_LOSS'; manufacturer: string; serial_as_read: string };

/**
 * Hit/no-hit under policy on both sides: a visible match names the record,
 * a hidden one only its holder, a hidden RED one nothing; every holder of a
 * match is notified, whatever the viewer is shown.
 */
export function createSerialChecks(db: Database.Database, access: HubAccess, notices: HitNotices, clock: () => Date) {
  const matchStmt = db.prepare<[string, string, string, number], Omit<ItemMatch, 'originator_agency' | 'originator_state'> & { holder_agency: string; holder_state: string }>(
    'SELECT * FROM items WHERE manufacturer_norm = ? AND serial_norm = ? AND record_id != ? LIMIT ?',
  );
  return (officer: Officer, queries: readonly { manufacturer: string; serialNormalised: string }[], excludeRecordId = ''): HitDto[] => {
    const viewer = access.viewerOf(officer);
    const hits: HitDto[] = [];
    const at = clock().toISOString();
    notices.batch(() => {
      for (const q of queries) {
        for (const m of matchStmt.all(normaliseManufacturer(q.manufacturer), q.serialNormalised, excludeRecordId, MAX_MATCHES_PER_VALUE)) {
          if (m.holder_agency !== officer.agency) notices.notify(m.holder_agency, m.record_id, officer.agency, at);
          const mayRead = access.visible({ originator_agency: m.holder_agency, originator_state: m.holder_state, tlp: m.tlp, releasable_to: m.releasable_to }, viewer);
          if (!mayRead && m.tlp === 'RED') continue;
          hits.push({
            holder: access.holderDto(m.holder_agency),
            recordId: mayRead ? m.record_id : null,
            recordKind: m.record_kind,
            manufacturer: m.manufacturer,
            serialNumber: m.serial_as_read,
          });
        }
      }
    });
    return hits;
  };
}
export type SerialChecks = ReturnType<typeof createSerialChecks>;

/**
 * Records an agency service has just reported, per reporting agency, for a
 * few seconds: only for these does the hub wait for the event to arrive
 * before answering (read-your-writes). Any other unknown id is answered at
 * once, the same way as a hidden one, so waiting reveals nothing and costs
 * nobody else.
 */
export class PendingReports {
  private readonly pending: ExpiringMap<string>;
  constructor(ttlMs: number) {
    this.pending = new ExpiringMap(ttlMs, 100_000);
  }
  note(recordId: string, agency: string): void {
    // Full (an agency service reporting faster than 100,000 per wait time): that report is not waited for.
    this.pending.set(recordId, agency);
  }
  isPendingFor(recordId: string, agency: string): boolean {
    return this.pending.get(recordId) === agency;
  }
}

/** Answer agency services' serial checks for their officers' new reports (only a service hosting the officer's agency may ask). */
export function serveSerialChecks(rpc: ServiceRpc, check: SerialChecks, pending: PendingReports): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.serialCheck,
    queue: 'liaison',
    authorise: rpcRules.fromViewersService,
    handle: (req) => {
      const body = SerialCheckRequest.parse(req.body);
      const viewer = req.viewer!;
      if (body.reportedRecordId) pending.note(body.reportedRecordId, viewer.agency);
      return { hits: check(viewer, body.queries, body.reportedRecordId) };
    },
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
