import type { DirectoryAgreement, Handling, Originator, RecordFamily, SharingAgreement, Tlp } from '@tracebridge/contracts';

/** Who asks to see a record: an agency of a state, with the groups it belongs to. */
export interface Viewer {
  agency: string;
  state: string;
  /** Groups (e.g. a regional organisation) as the directory lists them. */
  groups: readonly string[];
}

/** What the policy reads of a record. */
export interface PolicyRecord {
  originator: Originator;
  /** What kind of record it is: a directory agreement opens the families it names. */
  family: RecordFamily;
  handling: Pick<Handling, 'tlp' | 'releasableTo'>;
  /**
   * Agencies holding a live case share grant of the record (ADR 9): the active
   * participants of the cases its originator consented to show it in.
   * @default []
   */
  grantees?: readonly string[];
}

/** An agency id or a group id names the viewer: its own agency, or a group it belongs to. */
export const namesViewer = (name: string, viewer: Viewer): boolean => name === viewer.agency || viewer.groups.includes(name);

/** TLP 2.0 from the most open level to the strictest, written out here so the reference model depends on nothing else. */
const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/** Whether a directory agreement opens this record to this viewer: its originator's, a family it names, at or below its ceiling, the viewer a party. */
export const agreementCovers = (a: DirectoryAgreement, record: PolicyRecord, viewer: Viewer): boolean =>
  a.originator === record.originator.agency &&
  a.families.includes(record.family) &&
  TLP_ORDER.indexOf(record.handling.tlp) <= TLP_ORDER.indexOf(a.tlpCeiling) &&
  a.parties.some((p) => namesViewer(p, viewer));

type Withhold = Extract<SharingAgreement, { effect: 'WITHHOLD' }>;

/** The originator's WITHHOLD naming the viewer (its agency or a group of it), if any; never for the originator itself. */
export const withholding = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[]): Withhold | undefined =>
  viewer.agency === record.originator.agency
    ? undefined
    : agreements.find((a): a is Withhold => a.effect === 'WITHHOLD' && a.originator === record.originator.agency && namesViewer(a.from, viewer));

/** The agreements (file SHARE, directory AGREEMENT) that open the record to the viewer. */
export const sharingBy = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[]): SharingAgreement[] =>
  agreements.filter((a) =>
    a.effect === 'SHARE'
      ? a.originator === record.originator.agency && namesViewer(a.with, viewer) && a.tlp.includes(record.handling.tlp)
      : a.effect === 'AGREEMENT' && agreementCovers(a, record, viewer),
  );

/**
 * The reference model of the access policy, as plain code: the rules written
 * down once so generated cases can check the Cedar policies, and everything
 * the hub serves, against them (domain.md, lesson 4). `agreements` are those
 * in force (`agreementsInForce`).
 *
 * - an originator's WITHHOLD agreement naming the viewer's agency or one of its groups hides the record, whatever else allows it (never from the originator);
 * - the originator agency sees all of its records;
 * - `releasableTo` (agencies or groups) widens any level;
 * - a case share grant widens any level, for the agencies it names (a case's active participants);
 * - an originator's SHARE agreement widens the levels it names, for an agency or a group's members;
 * - an originator's directory agreement widens, for its parties (agencies, or a group's members), its families at or below its TLP ceiling;
 * - RED and AMBER_STRICT: nobody else;
 * - AMBER: every agency of the originator's state;
 * - GREEN and CLEAR: every agency in the network.
 */
export function mayView(record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[] = []): boolean {
  if (withholding(record, viewer, agreements)) return false;
  if (viewer.agency === record.originator.agency) return true;
  if (record.handling.releasableTo.some((name) => namesViewer(name, viewer))) return true;
  if (record.grantees?.includes(viewer.agency)) return true;
  if (sharingBy(record, viewer, agreements).length > 0) return true;
  switch (record.handling.tlp) {
    case 'RED':
    case 'AMBER_STRICT':
      return false;
    case 'AMBER':
      return viewer.state === record.originator.state;
    case 'GREEN':
    case 'CLEAR':
      return true;
  }
}

/**
 * Hit/no-hit: whether a serial check may name the agency that holds a
 * matching record the viewer may not see. Not for TLP:RED, and not for an
 * agency the originator withholds its records from.
 */
export const mayLearnHolder = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[] = []): boolean =>
  !withholding(record, viewer, agreements) && record.handling.tlp !== 'RED';

/** The directory agreements with `includePersons` that open the record's person identities to the viewer. */
export const personsSharedBy = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[]): DirectoryAgreement[] =>
  agreements.filter((a): a is DirectoryAgreement & { effect: 'AGREEMENT' } => a.effect === 'AGREEMENT' && a.includePersons && agreementCovers(a, record, viewer));

/**
 * Person identities (names, documents) are the originator's, and reach
 * another agency only through a directory agreement in force with
 * `includePersons` that covers the record and names the agency (or a group
 * of it); never through TLP, releasableTo, a case grant or a file SHARE, and
 * never past a WITHHOLD.
 */
export const maySeePersonIdentities = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[] = []): boolean =>
  viewer.agency === record.originator.agency || (!withholding(record, viewer, agreements) && personsSharedBy(record, viewer, agreements).length > 0);
