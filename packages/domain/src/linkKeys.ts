import type { SeizureReported } from '@tracebridge/contracts';

export type LinkKind = 'BROKER' | 'CONVEYANCE' | 'DOCUMENT';

/** A value of a seizure that links it to others holding the same key; `value` is what the viewer is shown. */
export interface LinkKey {
  kind: LinkKind;
  key: string;
  value: string;
}

/** Identifiers that say nothing (lesson 3 of domain.md, as for serials): they never link. */
const JUNK_WORDS = [
  'NA',
  'NONE',
  'UNKNOWN',
  'NIL',
  'NULL',
  'TBC',
  'TBA',
  'TBD',
  'XXX',
  'NOTKNOWN',
  'UNK',
  'PENDING',
  'VARIOUS',
  'NOTAVAILABLE',
  'NOTAPPLICABLE',
  'NONUMBER',
  'NOTSTATED',
  'ILLEGIBLE',
];

/** A placeholder, or a placeholder repeated (N/A N/A, UNKNOWN UNKNOWN), or one character over and over (XXXX, 1111, 0000). */
const isJunk = (n: string): boolean => /^(.)\1*$/.test(n) || JUNK_WORDS.some((w) => n.length % w.length === 0 && w.repeat(n.length / w.length) === n);

/** Case, spaces and punctuation ignored; too short or junk: null (no link). */
export function normaliseIdentifier(value: string): string | null {
  const n = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (n.length < 4 || isJunk(n)) return null;
  return n;
}

/** A broker's name as compared: case, accents, punctuation and company suffixes ignored. */
export function normaliseBrokerName(name: string): string | null {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/\./g, '')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !['LTD', 'LIMITED', 'SARL', 'SA', 'SAS', 'LLC', 'INC', 'CO', 'COMPANY', 'GMBH', 'PLC'].includes(w));
  const n = words.join(' ');
  return n.length >= 3 && !isJunk(n.replace(/ /g, '')) ? n : null;
}

/**
 * What links a seizure to others (issue 9): each broker it names (by
 * registration number and state, and by name), its conveyance's identifier
 * (vehicle, vessel IMO, container, flight: whatever the mode, a container
 * moves from ship to truck), and each document's number. No person data:
 * PERSON links are matched by the originator's service (keyed hashes).
 */
export function seizureLinkKeys(data: Pick<SeizureReported, 'brokers' | 'conveyance' | 'documents'>): LinkKey[] {
  const keys = new Map<string, LinkKey>();
  const add = (k: LinkKey | null): void => {
    if (k && !keys.has(`${k.kind}:${k.key}`)) keys.set(`${k.kind}:${k.key}`, k);
  };
  for (const b of data.brokers ?? []) {
    const reg = b.registrationNumber ? normaliseIdentifier(b.registrationNumber) : null;
    if (reg) add({ kind: 'BROKER', key: `REG:${reg}@${b.state ?? ''}`, value: b.name });
    const name = normaliseBrokerName(b.name);
    if (name) add({ kind: 'BROKER', key: `NAME:${name}`, value: b.name });
  }
  const conveyance = data.conveyance ? normaliseIdentifier(data.conveyance.identifier) : null;
  if (conveyance && data.conveyance) add({ kind: 'CONVEYANCE', key: conveyance, value: `${data.conveyance.mode} ${data.conveyance.identifier}` });
  for (const d of data.documents ?? []) {
    const number = normaliseIdentifier(d.number);
    if (number) add({ kind: 'DOCUMENT', key: number, value: `${d.kind} ${d.number}${d.issuingState ? ` (${d.issuingState})` : ''}` });
  }
  return [...keys.values()];
}
