import type { Handling, Originator, SharingAgreement } from '@tracebridge/contracts';

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
  handling: Pick<Handling, 'tlp' | 'releasableTo'>;
  /**
   * Agencies holding a live case share grant of the record (ADR 9): the active
   * participants of the cases its originator consented to show it in.
   * @default []
   */
  grantees?: readonly string[];
}

/** A WITHHOLD names an agency or a group; it never hides a record from its own originator. */
const withheld = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[]): boolean =>
  viewer.agency !== record.originator.agency &&
  agreements.some((a) => a.effect === 'WITHHOLD' && a.originator === record.originator.agency && (a.from === viewer.agency || viewer.groups.includes(a.from)));

const shared = (record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[]): boolean =>
  agreements.some(
    (a) => a.effect === 'SHARE' && a.originator === record.originator.agency && (a.with === viewer.agency || viewer.groups.includes(a.with)) && a.tlp.includes(record.handling.tlp),
  );

/**
 * The reference model of the access policy, as plain code: the rules written
 * down once so generated cases can check the Cedar policies, and everything
 * the hub serves, against them (domain.md, lesson 4).
 *
 * - an originator's WITHHOLD agreement naming the viewer's agency or one of its groups hides the record, whatever else allows it (never from the originator);
 * - the originator agency sees all of its records;
 * - `releasableTo` (agencies or groups) widens any level;
 * - a case share grant widens any level, for the agencies it names (a case's active participants);
 * - an originator's SHARE agreement widens the levels it names, for an agency or a group's members;
 * - RED and AMBER_STRICT: nobody else;
 * - AMBER: every agency of the originator's state;
 * - GREEN and CLEAR: every agency in the network.
 */
export function mayView(record: PolicyRecord, viewer: Viewer, agreements: readonly SharingAgreement[] = []): boolean {
  if (withheld(record, viewer, agreements)) return false;
  if (viewer.agency === record.originator.agency) return true;
  const released = record.handling.releasableTo;
  if (released.includes(viewer.agency) || viewer.groups.some((g) => released.includes(g))) return true;
  if (record.grantees?.includes(viewer.agency)) return true;
  if (shared(record, viewer, agreements)) return true;
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
  !withheld(record, viewer, agreements) && record.handling.tlp !== 'RED';

/** Person identities (names, documents) are the originator's alone; no agreement widens them. */
export const maySeePersonIdentities = (record: { originator: Originator }, viewer: Viewer): boolean => viewer.agency === record.originator.agency;
