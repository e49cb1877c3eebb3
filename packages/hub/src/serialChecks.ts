import { rpcRules, serveRequests, type ServiceRpc } from '@tracebridge/bus';
import { normaliseManufacturer, RecordFamily, type Tlp } from '@tracebridge/contracts';
import { ExpiringMap, type Officer } from '@tracebridge/identity';
import { rpcSubjects, SerialCheckRequest, type HitDto } from '@tracebridge/contracts';
import type { AgencyDirectory, HubPolicy } from './access';
import type { HitNotices } from './notices';
import type { LiaisonProjection } from './projection';
import { runReportChecks, type ReportCheck } from './reportChecks';

/** A single value may match at most this many records: hit/no-hit is not a search engine (domain.md, lesson 3). */
const MAX_MATCHES_PER_VALUE = 20;

interface ItemMatch {
  record_id: string;
  record_kind: 'SEIZURE' | 'STOCKPILE_LOSS';
  holder_agency: string;
  manufacturer: string;
  serial_as_read: string;
  /** What the viewer may know of the matching record (visibility.ts): 2 the record, 1 who holds it, null nothing. */
  level: number | null;
}

/**
 * Hit/no-hit under policy on both sides: a visible match names the record,
 * a hidden one only its holder, a hidden RED one nothing (the visibility
 * index); holders are notified as `noticePolicy` says.
 */
/**
 * A serial check: by hand (`reported` undefined), or the one an agency
 * service runs for its officer's new report (`reported`: that record).
 */
export interface SerialCheck {
  officer: Officer;
  queries: readonly { manufacturer: string; serialNormalised: string }[];
  reported?: { recordId: string; handling: { tlp: Tlp; releasableTo: string[] } | undefined; family?: RecordFamily | undefined };
}

/**
 * Whether the holder of a match is told of it. A check by hand: always (the
 * holder learns who probed its record; the asker chose to ask). A new
 * report's check tells the holder that the reporter holds a matching record:
 * only a holder the policy lets know that much of the new record (its
 * handling as reported; RED when not given).
 */
function noticePolicy(policy: HubPolicy, check: SerialCheck): (holder: string) => boolean {
  if (!check.reported) return () => true;
  const handling = check.reported.handling ?? { tlp: 'RED' as const, releasableTo: [] };
  const record = { originator: { agency: check.officer.agency, state: check.officer.state }, handling };
  // The family unknown (an older service), no guess: told only if every family would let the holder know.
  const families = check.reported.family ? [check.reported.family] : RecordFamily.options;
  const told = new Map<string, boolean>();
  return (holder) => {
    let t = told.get(holder);
    if (t === undefined) told.set(holder, (t = families.every((family) => policy.levelFor(holder, { ...record, family }) !== 'NONE')));
    return t;
  };
}

export function createSerialChecks(projection: LiaisonProjection, directory: AgencyDirectory, notices: HitNotices, clock: () => Date) {
  // What the viewer may know comes first, so matches it may not see never crowd out those it may.
  const matchStmt = projection.db.prepare<{ m: string; s: string; exclude: string; agency: string; limit: number }, ItemMatch>(
    `SELECT i.record_id, i.record_kind, i.holder_agency, i.manufacturer, i.serial_as_read, v.level FROM items i
     LEFT JOIN visibility v ON v.agency = @agency AND v.record_id = i.record_id
     WHERE i.manufacturer_norm = @m AND i.serial_norm = @s AND i.record_id != @exclude
     ORDER BY v.level IS NULL, i.rowid LIMIT @limit`,
  );
  return (check: SerialCheck): HitDto[] => {
    const { officer } = check;
    projection.visibility.ensureCurrent();
    const mayNotify = noticePolicy(projection.visibility.policy, check);
    const hits: HitDto[] = [];
    const at = clock().toISOString();
    notices.batch(() => {
      for (const q of check.queries) {
        const matches = matchStmt.all({
          m: normaliseManufacturer(q.manufacturer),
          s: q.serialNormalised,
          exclude: check.reported?.recordId ?? '',
          agency: officer.agency,
          limit: MAX_MATCHES_PER_VALUE,
        });
        for (const m of matches) {
          if (m.holder_agency !== officer.agency && mayNotify(m.holder_agency)) notices.notify(m.holder_agency, m.record_id, officer.agency, at);
          // The policy decides what the viewer learns: the record, only who holds it, or nothing at all.
          if (m.level === null) continue;
          hits.push({
            holder: directory.holderDto(m.holder_agency),
            recordId: m.level === 2 ? m.record_id : null,
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
export function serveSerialChecks(
  rpc: ServiceRpc,
  check: SerialChecks,
  pending: PendingReports,
  reportChecks: readonly { name: string; check: ReportCheck }[] = [],
): { unsubscribe: () => void } {
  return serveRequests(rpc.nc, rpc.me, rpc.registry, {
    subject: rpcSubjects.serialCheck,
    queue: 'liaison',
    authorise: rpcRules.fromViewersService,
    handle: (req) => {
      const body = SerialCheckRequest.parse(req.body);
      const viewer = req.viewer!;
      if (!body.reportedRecordId) return { hits: check({ officer: viewer, queries: body.queries }), warnings: [] };
      pending.note(body.reportedRecordId, viewer.agency);
      const reported = { recordId: body.reportedRecordId, handling: body.reportedHandling, family: body.reportedFamily };
      const hits = check({ officer: viewer, queries: body.queries, reported });
      return { hits, warnings: runReportChecks(reportChecks, viewer, body.report, body.reportedRecordId, rpc.logger) };
    },
    ...(rpc.logger ? { logger: rpc.logger } : {}),
  });
}
