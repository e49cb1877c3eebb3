import { join } from 'node:path';
import { ROLES_BY_KIND, type AgencyKind, type AgencyRecord, type OfficerRole } from '@tracebridge/contracts';
import { generateSigningKey, importSigningKey, type ExportedSigningKey, type SigningKey } from './keys';
import { loadOrCreateKeyFile } from './keyFiles';
import { mintOfficerToken } from './officerToken';

export interface DemoAgency {
  id: string;
  state: string;
  kind: AgencyKind;
  name: string;
  /** Its state's point of contact for tracing requests. */
  tracingPointOfContact?: boolean;
  /** A liaison point: the states it serves. */
  liaisonFor?: string[];
}

/** The demo network's agencies (used by `npm start` and the tests). */
export const DEMO_AGENCIES: readonly DemoAgency[] = [
  { id: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS', name: 'Ghana Customs Division, Ghana Revenue Authority' },
  { id: 'GH-POLICE', state: 'GH', kind: 'POLICE', name: 'Ghana Police Service', tracingPointOfContact: true },
  { id: 'GH-BORDER', state: 'GH', kind: 'BORDER', name: 'Ghana Immigration Service, border patrol' },
  { id: 'TG-CUSTOMS', state: 'TG', kind: 'CUSTOMS', name: 'Commissariat des Douanes et Droits Indirects, Togo' },
  { id: 'TG-POLICE', state: 'TG', kind: 'POLICE', name: 'Police nationale togolaise', tracingPointOfContact: true },
  { id: 'BF-BORDER', state: 'BF', kind: 'BORDER', name: 'Police des frontières, Burkina Faso', tracingPointOfContact: true },
  { id: 'WA-LIAISON', state: 'GH', kind: 'LIAISON', name: 'West Africa regional liaison point (demo)', liaisonFor: ['GH', 'TG', 'BF'] },
  { id: 'GH-LICENSING', state: 'GH', kind: 'LICENSING', name: 'Ghana National Commission on Small Arms and Light Weapons, brokering licences (demo)' },
  { id: 'TG-LICENSING', state: 'TG', kind: 'LICENSING', name: 'Commission nationale de lutte contre la prolifération des armes légères, Togo, courtage (demo)' },
];

/** Dev tokens name this issuer; a production directory never lists it. */
export const devIssuerFor = (agencyId: string): string => `urn:tracebridge:dev-issuer:${agencyId}`;

export interface AgencyKeys {
  agency: DemoAgency;
  eventKey: SigningKey;
  tokenKey: SigningKey;
}

interface StoredKeys {
  agency: DemoAgency;
  eventKey: ExportedSigningKey;
  tokenKey: ExportedSigningKey;
}

/**
 * Keys for demo agencies: created on first use and kept in `dir` (one file
 * per agency, mode 0600) so a restarted network still verifies what it
 * signed before. Never for production: real agencies hold their own keys.
 */
export async function loadOrCreateDevKeys(dir: string, agencies: readonly DemoAgency[] = DEMO_AGENCIES): Promise<AgencyKeys[]> {
  const out: AgencyKeys[] = [];
  for (const agency of agencies) {
    const stored = await loadOrCreateKeyFile<StoredKeys>(join(dir, `${agency.id}.json`), async () => {
      const e = await generateSigningKey(`${agency.id}#events-1`);
      const t = await generateSigningKey(`${agency.id}#tokens-1`);
      return {
        agency,
        eventKey: { kid: e.kid, privateJwk: e.privateJwk, publicJwk: e.publicJwk },
        tokenKey: { kid: t.kid, privateJwk: t.privateJwk, publicJwk: t.publicJwk },
      };
    });
    out.push({ agency, eventKey: await importSigningKey(stored.eventKey), tokenKey: await importSigningKey(stored.tokenKey) });
  }
  return out;
}

/** Fresh in-memory keys (tests). */
export async function generateDevKeys(agencies: readonly DemoAgency[] = DEMO_AGENCIES): Promise<AgencyKeys[]> {
  return Promise.all(
    agencies.map(async (agency) => ({
      agency,
      eventKey: await generateSigningKey(`${agency.id}#events-1`),
      tokenKey: await generateSigningKey(`${agency.id}#tokens-1`),
    })),
  );
}

/** The directory records of the demo agencies, with their public keys and the dev issuer. */
export function devAgencyRecords(keys: readonly AgencyKeys[]): AgencyRecord[] {
  return keys.map(({ agency, eventKey, tokenKey }) => ({
    ...agency,
    kind: agency.kind,
    tracingPointOfContact: agency.tracingPointOfContact ?? false,
    liaisonFor: agency.liaisonFor ?? [],
    // Every demo agency belongs to the demo regional network of the liaison point.
    groups: ['WA-NETWORK'],
    eventKeys: { keys: [eventKey.publicJwk as AgencyRecord['eventKeys']['keys'][number]] },
    tokenIssuer: devIssuerFor(agency.id),
    tokenKeys: { keys: [tokenKey.publicJwk as AgencyRecord['tokenKeys']['keys'][number]] },
  }));
}

/**
 * Mint a dev token for an officer of a demo agency (default: valid 12 hours).
 * Without `roles` it carries every role the agency's kind may hold, so the
 * README's walk-throughs work with one token per agency.
 */
export function mintDevToken(keys: AgencyKeys, options: { roles?: readonly OfficerRole[]; subject?: string; ttlSeconds?: number } = {}): Promise<string> {
  return mintOfficerToken(keys.tokenKey, {
    issuer: devIssuerFor(keys.agency.id),
    agency: keys.agency.id,
    subject: options.subject ?? `dev-officer@${keys.agency.id.toLowerCase()}`,
    roles: options.roles ?? ROLES_BY_KIND[keys.agency.kind],
    ttlSeconds: options.ttlSeconds ?? 12 * 3600,
  });
}
