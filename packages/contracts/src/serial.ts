/**
 * Serial numbers as matched across the network (domain.md): case, spaces,
 * dashes and leading zeros are ignored. A serial is always matched together
 * with its manufacturer, so this normalises the serial alone.
 *
 * Junk values ("0", "N/A", "UNKNOWN" …) never match anything: they would turn
 * hit/no-hit into a disclosure channel (lesson 3 of domain.md), so they
 * normalise to `null`.
 */
const JUNK_SERIALS = new Set(['', 'NA', 'N/A', 'NONE', 'UNKNOWN', 'UNK', 'NIL', 'NULL', 'NOSERIAL', 'OBLITERATED', 'ILLEGIBLE', 'X', 'XX', 'XXX']);

export function normaliseSerial(asRead: string): string | null {
  const compact = asRead.toUpperCase().replace(/[\s\-‐‑–—_./\\]+/g, '');
  if (JUNK_SERIALS.has(compact)) return null;
  const stripped = compact.replace(/^0+/, '');
  // All zeros ("0", "000000") carry no information.
  if (stripped === '') return null;
  if (JUNK_SERIALS.has(stripped)) return null;
  return stripped;
}

/** Manufacturer names as matched: case and surrounding/double spaces ignored. */
export function normaliseManufacturer(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}
