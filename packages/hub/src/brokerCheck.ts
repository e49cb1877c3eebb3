import type { BrokerRef, ReportFacts, ReportWarningDto } from '@tracebridge/contracts';
import { screenEmbargoes, type BrokeringLicence, type BrokerRecord, type BrokerState, type EmbargoRegime } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import type { ReadAudit } from './audit';
import { brokerNameKey, registrationKey, type BrokerRow } from './brokerProjection';
import { brokerStatusAt, VISIBLE_BROKERS } from './brokerViews';
import type { LiaisonProjection } from './projection';
import type { ReportCheck } from './reportChecks';

/** A name or number may match at most this many brokers of the registers the reporter may see. */
const MAX_CANDIDATES = 20;

type Registered = { row: BrokerRow; broker: BrokerRecord };

const asOf = (iso: string): number => Date.parse(iso);
const named = (ref: BrokerRef): string => `broker "${ref.name}"${ref.registrationNumber ? ` (registration ${ref.registrationNumber})` : ''}${ref.state ? ` of ${ref.state}` : ''}`;

/** Whether a licence, valid at the seizure's date, covers the category and the route (exporting = origin, importing = destination when given; every transit state among the licence's). */
function covers(l: BrokeringLicence, category: string | undefined, report: ReportFacts): boolean {
  const at = asOf(report.occurredAt);
  if (!(asOf(l.grantedAt) <= at && at < asOf(l.validUntil))) return false;
  if (category !== undefined && l.category !== category) return false;
  const route = report.route;
  if (route?.origin && l.exportingState !== route.origin) return false;
  if (route?.destination && l.importingState !== route.destination) return false;
  return (route?.transit ?? []).every((t) => l.transitStates.includes(t));
}

/** The rank of a candidate: of several brokers matching one name, the one in best standing is judged (fewest false alarms); a namesake suspended or revoked in another register still warns. */
const standing = (b: BrokerRecord, at: Date): number => ({ REGISTERED: 0, EXPIRED: 1, SUSPENDED: 2, REVOKED: 3 })[brokerStatusAt(b, at)];

/** The warnings of one matched broker: its standing, its licences for this seizure, and embargoes on its licences. */
function judge(ref: BrokerRef, broker: BrokerRecord, report: ReportFacts, embargoes: readonly EmbargoRegime[]): ReportWarningDto[] {
  const who = `${named(ref)}, registered by ${broker.authority} as "${broker.name}" (${broker.registrationNumber})`;
  const embargoed = embargoWarnings(who, broker, report, embargoes);
  if (broker.status === 'REVOKED') return [{ code: 'BROKER_REVOKED', message: `${who}: registration revoked on ${broker.statusChangedAt} (${broker.statusReason})` }, ...embargoed];
  if (broker.status === 'SUSPENDED')
    return [{ code: 'BROKER_SUSPENDED', message: `${who}: registration suspended since ${broker.statusChangedAt} (${broker.statusReason})` }, ...embargoed];
  if (asOf(broker.validUntil) <= asOf(report.occurredAt))
    return [{ code: 'BROKER_UNREGISTERED', message: `${who}: registration expired on ${broker.validUntil}, before the seizure` }, ...embargoed];
  const weapons = report.items.filter((i) => i.kind === 'WEAPON');
  const categories = [...new Set(weapons.map((w) => w.category))];
  const uncovered = categories.filter((c) => !broker.licences.some((l) => covers(l, c, report)));
  const missing: ReportWarningDto[] =
    uncovered.length === 0
      ? []
      : [
          {
            code: 'BROKER_LICENCE_MISSING',
            message: `${who}: no licence valid on ${report.occurredAt.slice(0, 10)} covers ${uncovered.map((c) => c ?? 'uncategorised weapons').join(', ')} on this route`,
          },
        ];
  return [...missing, ...embargoed];
}

/** EMBARGO (or EMBARGO_PARTIAL): a licence of the broker valid at the seizure's date imports into, or transits, a state under a UN arms embargo in force. */
function embargoWarnings(who: string, broker: BrokerRecord, report: ReportFacts, embargoes: readonly EmbargoRegime[]): ReportWarningDto[] {
  const at = asOf(report.occurredAt);
  const valid = broker.licences.filter((l) => asOf(l.grantedAt) <= at && at < asOf(l.validUntil));
  const countries = valid.flatMap((l) => [{ country: l.importingState, role: 'destination' as const }, ...l.transitStates.map((t) => ({ country: t, role: 'transit' as const }))]);
  return screenEmbargoes(countries, embargoes).map((w) => ({ code: w.code, message: `${who} holds a licence importing into or transiting ${w.country}: ${w.message}` }));
}

/**
 * The report-time broker check (issue 9, ADR 12): each broker a new seizure
 * names is looked up in the registers the reporting officer's agency may see
 * — by registration number and state, else by normalised name and state
 * (any state when none is given) — and judged at the seizure's date:
 * BROKER_UNREGISTERED (no match, or registration lapsed before the
 * seizure), BROKER_SUSPENDED, BROKER_REVOKED, BROKER_LICENCE_MISSING (no
 * licence valid at the date covers a seized weapon's category and the
 * route), and EMBARGO on a licence's importing or transit state. The
 * registry entries read are audited for their authorities.
 */
export function brokerRegistryCheck(deps: { projection: LiaisonProjection; embargoes: readonly EmbargoRegime[]; audit: ReadAudit; clock: () => Date }): ReportCheck {
  const db = deps.projection.db;
  const byNumber = db.prepare<{ agency: string; key: string; state: string | null }, BrokerRow>(
    `SELECT b.* FROM ${VISIBLE_BROKERS} WHERE b.registration_norm = @key AND (@state IS NULL OR b.originator_state = @state) ORDER BY b.seq LIMIT ${MAX_CANDIDATES}`,
  );
  const byName = db.prepare<{ agency: string; key: string; state: string | null }, BrokerRow>(
    `SELECT b.* FROM ${VISIBLE_BROKERS} WHERE b.name_norm = @key AND (@state IS NULL OR b.originator_state = @state) ORDER BY b.seq LIMIT ${MAX_CANDIDATES}`,
  );
  const candidates = (agency: string, ref: BrokerRef): Registered[] => {
    const state = ref.state ?? null;
    const numbered = ref.registrationNumber ? byNumber.all({ agency, key: registrationKey(ref.registrationNumber), state }) : [];
    const rows = numbered.length > 0 ? numbered : byName.all({ agency, key: brokerNameKey(ref.name), state });
    return rows.map((row) => ({ row, broker: (JSON.parse(row.data) as BrokerState).broker! }));
  };
  return (viewer: Officer, report: ReportFacts): ReportWarningDto[] => {
    deps.projection.visibility.ensureCurrent();
    const now = deps.clock();
    const reads = {};
    const warnings = report.brokers.flatMap((ref) => {
      const found = candidates(viewer.agency, ref).sort((a, b) => standing(a.broker, now) - standing(b.broker, now));
      const best = found[0];
      if (!best) return [{ code: 'BROKER_UNREGISTERED', message: `${named(ref)} is in no broker register you may consult${ref.state ? ` for ${ref.state}` : ''}` }];
      deps.audit.note(reads, best.row.id, best.row.originator_agency, viewer);
      // The best standing is judged within one register; a namesake another authority suspended or revoked is never hidden by it.
      const elsewhere = found.filter((c) => c.row.originator_agency !== best.row.originator_agency && (c.broker.status === 'SUSPENDED' || c.broker.status === 'REVOKED'));
      for (const c of elsewhere) deps.audit.note(reads, c.row.id, c.row.originator_agency, viewer);
      return [
        ...judge(ref, best.broker, report, deps.embargoes),
        ...elsewhere.flatMap((c) => judge(ref, c.broker, report, deps.embargoes).filter((w) => w.code === `BROKER_${c.broker.status}`)),
      ];
    });
    deps.audit.flush(reads);
    return warnings;
  };
}
