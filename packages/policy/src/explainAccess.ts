import type { DirectoryAgreement, SharingAgreement, Tlp } from '@tracebridge/contracts';
import { agreementCovers, mayLearnHolder, mayView, maySeePersonIdentities, namesViewer, sharingBy, withholding, type PolicyRecord, type Viewer } from './releasability';
import { agreementStatusAt, agreementsInForce } from './agreementsInForce';

/** What of a record a viewer gets: the record itself, only its holder's name (a serial hit), and the persons' identities. */
export type AccessField = 'record' | 'holder only' | 'person identities';

/** Why an agency can or cannot see a record, for the record's originator. */
export interface AccessExplanation {
  /** Whether the agency may see the record (`mayView`). */
  allowed: boolean;
  /** What it gets: `['record']`, `['record', 'person identities']`, `['holder only']`, or nothing. */
  fields: AccessField[];
  /** Each rule that bears on the answer, in plain words, the deciding ones first. */
  reasons: string[];
}

const tlpName = (tlp: Tlp): string => `TLP:${tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : tlp}`;

/** "; TG-POLICE is in ECOWAS" when a group, not the agency itself, is what is named. */
const viaGroup = (name: string, viewer: Viewer): string => (name === viewer.agency ? '' : `; ${viewer.agency} is in ${name}`);

const directoryTerms = (a: DirectoryAgreement): string =>
  `agreement ${a.id} (legal basis: ${a.legalBasis}) shares ${a.families.join(', ')} records up to ${tlpName(a.tlpCeiling)} with ${a.parties.join(', ')}` +
  (a.includePersons ? ', person identities included' : '');

const sharedReason = (a: SharingAgreement, viewer: Viewer): string => {
  if (a.effect === 'SHARE') return `agreement ${a.id} shares ${a.originator}'s ${a.tlp.map(tlpName).join(', ')} records with ${a.with}${viaGroup(a.with, viewer)}`;
  if (a.effect === 'AGREEMENT')
    return (
      directoryTerms(a) +
      viaGroup(
        a.parties.find((p) => namesViewer(p, viewer))!,
        viewer,
      )
    );
  return '';
};

/** What the record's TLP level alone allows this viewer. */
function tlpReason(record: PolicyRecord, viewer: Viewer): string {
  const tlp = tlpName(record.handling.tlp);
  switch (record.handling.tlp) {
    case 'CLEAR':
    case 'GREEN':
      return `${tlp} is shared with every agency in the network`;
    case 'AMBER':
      return `${tlp} is shared with every agency of ${record.originator.state}; ${viewer.agency} is in ${viewer.state}`;
    case 'AMBER_STRICT':
      return `${tlp} is for the originator's agency alone, unless released further`;
    case 'RED':
      return `${tlp} is for the originator alone, unless released further`;
  }
}

/** The rules that open the record to the viewer beyond its TLP level. */
function widening(record: PolicyRecord, viewer: Viewer, inForce: readonly SharingAgreement[]): string[] {
  return [
    ...record.handling.releasableTo.filter((name) => namesViewer(name, viewer)).map((name) => `released to ${name} by the record's handling${viaGroup(name, viewer)}`),
    ...(record.grantees?.includes(viewer.agency) ? [`case grant: ${viewer.agency} is an active participant of a case the originator shared this record in`] : []),
    ...sharingBy(record, viewer, inForce).map((a) => sharedReason(a, viewer)),
  ];
}

/** Directory agreements that would open the record to the viewer but are not in force at `now`. */
function notInForce(record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[], now: Date | string | undefined): string[] {
  return agreements.flatMap((a) => {
    if (a.effect !== 'AGREEMENT' || !agreementCovers(a, record, viewer)) return [];
    const status = now === undefined ? (a.revokedAt === undefined ? 'IN_FORCE' : 'REVOKED') : agreementStatusAt(a, now);
    const why = { IN_FORCE: '', REVOKED: `was revoked on ${a.revokedAt}`, EXPIRED: `lapsed on ${a.validUntil}`, NOT_YET_IN_FORCE: `comes into force on ${a.validFrom}` }[status];
    return why ? [`${directoryTerms(a)}, but is not in force: it ${why}`] : [];
  });
}

/**
 * Why `viewer` can or cannot see `record`, and which parts of it, in plain
 * words: the reference model's rules (releasability.ts), each that bears on
 * the answer. For the record's originator (`explainAccess` in the API).
 * `agreements` are all the originator's agreements; with `now`, those not in
 * force then are left out of the decision and named as such; without it,
 * every one not revoked counts as in force.
 */
export function explainAccess(record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[], now?: Date | string): AccessExplanation {
  const inForce = now === undefined ? agreements.filter((a) => a.effect !== 'AGREEMENT' || a.revokedAt === undefined) : agreementsInForce(agreements, now);
  const allowed = mayView(record, viewer, inForce);
  const persons = maySeePersonIdentities(record, viewer, inForce);
  const fields: AccessField[] = allowed ? ['record', ...(persons ? (['person identities'] as const) : [])] : mayLearnHolder(record, viewer, inForce) ? ['holder only'] : [];
  if (viewer.agency === record.originator.agency) {
    return { allowed, fields, reasons: [`${viewer.agency} is the originator: it sees all of its records, person identities included`] };
  }
  const withheld = withholding(record, viewer, inForce);
  if (withheld) {
    const whom = `${withheld.from}${withheld.from === viewer.agency ? '' : ` (${viewer.agency} is in ${withheld.from})`}`;
    return {
      allowed,
      fields,
      reasons: [`withheld from ${whom} by agreement ${withheld.id}: not the record, its persons, nor even a serial hit naming its holder, whatever else would allow it`],
    };
  }
  const reasons = [...widening(record, viewer, inForce), tlpReason(record, viewer), ...notInForce(record, viewer, agreements, now)];
  if (!allowed) {
    reasons.push(
      record.handling.tlp === 'RED'
        ? `${tlpName('RED')}: a serial check does not even name ${record.originator.agency} as the holder`
        : `a serial check may name ${record.originator.agency} as the holder of a matching record, so the two can talk`,
    );
  } else if (!persons) {
    reasons.push(`person identities stay with ${record.originator.agency}: no agreement in force with includePersons covers ${viewer.agency} for this record`);
  }
  return { allowed, fields, reasons };
}
