import type { Handling, Originator } from '@tracebridge/contracts';

/** Who asks to see a record: an agency of a state, with the groups it belongs to. */
export interface Viewer {
  agency: string;
  state: string;
  /** Groups (e.g. a regional organisation) as the directory lists them. */
  groups: readonly string[];
}

/**
 * The reference model of access policy v1, as plain code: the rules written
 * down once so generated cases can check the Cedar policies against them
 * (domain.md, lesson 4).
 *
 * - the originator agency sees all of its records;
 * - `releasableTo` (agencies or groups) widens any level;
 * - RED and AMBER_STRICT: nobody else;
 * - AMBER: every agency of the originator's state;
 * - GREEN and CLEAR: every agency in the network.
 */
export function mayView(record: { originator: Originator; handling: Pick<Handling, 'tlp' | 'releasableTo'> }, viewer: Viewer): boolean {
  if (viewer.agency === record.originator.agency) return true;
  const released = record.handling.releasableTo;
  if (released.includes(viewer.agency) || viewer.groups.some((g) => released.includes(g))) return true;
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

/** Person identities (names, documents) are the originator's alone. */
export const maySeePersonIdentities = (record: { originator: Originator }, viewer: Viewer): boolean => viewer.agency === record.originator.agency;
