/**
 * Screening against UN Security Council arms embargoes (PoA II.15, II.32).
 * The regimes come from a data file an operator can replace; this module
 * only applies them.
 */
export interface EmbargoRegime {
  id: string;
  target: string | null;
  name: string;
  inForce: boolean;
  /** EMBARGO: the whole state; EMBARGO_PARTIAL: non-state actors or named entities there; NONE: not screenable by country. */
  screening: 'EMBARGO' | 'EMBARGO_PARTIAL' | 'NONE';
  latest: string;
}

export type EmbargoRole = 'location' | 'origin' | 'transit' | 'destination';

export interface EmbargoWarning {
  code: 'EMBARGO' | 'EMBARGO_PARTIAL';
  country: string;
  roles: EmbargoRole[];
  regimeId: string;
  message: string;
}

/** Screen the countries a report names (where it happened, origin, transit, destination). One warning per regime hit. */
export function screenEmbargoes(countries: readonly { country: string; role: EmbargoRole }[], regimes: readonly EmbargoRegime[]): EmbargoWarning[] {
  const out: EmbargoWarning[] = [];
  for (const r of regimes) {
    if (!r.inForce || r.screening === 'NONE' || r.target === null) continue;
    const roles = [...new Set(countries.filter((c) => c.country === r.target).map((c) => c.role))];
    if (roles.length === 0) continue;
    out.push({
      code: r.screening,
      country: r.target,
      roles,
      regimeId: r.id,
      message:
        r.screening === 'EMBARGO'
          ? `${r.target} (${roles.join(', ')}) is under a UN arms embargo on the whole state: ${r.name}, latest resolution ${r.latest}`
          : `${r.target} (${roles.join(', ')}) is under a UN arms embargo on non-state actors or listed entities: ${r.name}, latest resolution ${r.latest}`,
    });
  }
  return out;
}
