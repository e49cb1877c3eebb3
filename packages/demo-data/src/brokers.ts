import { REVOKED_DEMO_BROKER } from './analysisScenario';

/**
 * The demo network's broker registers (ADR 12): a few brokers per licensing
 * authority, with licences, and one suspended and one revoked (after its
 * licence) in each, so that a new user's `brokers` query and a seizure naming
 * one of them show every status and warning. Invented names and numbers;
 * dates relative to `now`, so the demo never ages into EXPIRED.
 */
export type DemoAuthority = 'GH-LICENSING' | 'TG-LICENSING';

export interface DemoLicence {
  quantity: number;
  category: 'PISTOL' | 'RIFLE' | 'SHOTGUN' | 'ASSAULT_RIFLE';
  exportingState: string;
  importingState: string;
  transitStates: string[];
  endUser: string;
  validUntil: string;
}

export interface DemoBroker {
  authority: DemoAuthority;
  /** As `registerBroker` takes it (handling left out: GREEN). */
  registration: {
    name: string;
    registrationNumber: string;
    nationality: string;
    residence: string;
    activities: ('BROKERING' | 'TRANSPORT' | 'FINANCING')[];
    validUntil: string;
    conditions?: string;
  };
  licences: DemoLicence[];
  /** What the authority did after the licences, if anything. */
  then?: { act: 'SUSPEND' | 'REVOKE'; reason: string };
}

type Spec = Omit<DemoBroker, 'registration' | 'licences'> & {
  registration: Omit<DemoBroker['registration'], 'validUntil'>;
  licences: Omit<DemoLicence, 'validUntil'>[];
};

const SPECS: readonly Spec[] = [
  {
    authority: 'GH-LICENSING',
    registration: { name: 'Volta Arms Brokerage Ltd', registrationNumber: 'GH-BR-2024-0117', nationality: 'GH', residence: 'GH', activities: ['BROKERING', 'TRANSPORT'] },
    licences: [
      { quantity: 120, category: 'RIFLE', exportingState: 'TR', importingState: 'GH', transitStates: ['TG'], endUser: 'Ghana Police Service' },
      { quantity: 300, category: 'PISTOL', exportingState: 'AT', importingState: 'GH', transitStates: [], endUser: 'Ghana Armed Forces' },
    ],
  },
  {
    authority: 'GH-LICENSING',
    registration: {
      // The broker the demo seizures name (analysisScenario.ts): its licence, then its revocation.
      name: REVOKED_DEMO_BROKER.name,
      registrationNumber: REVOKED_DEMO_BROKER.registrationNumber,
      nationality: 'GH',
      residence: 'GH',
      activities: ['BROKERING', 'FINANCING'],
      conditions: 'end-user certificates verified by the Commission before each shipment',
    },
    licences: [{ quantity: 500, category: 'ASSAULT_RIFLE', exportingState: 'BG', importingState: 'GH', transitStates: ['TG'], endUser: 'Ghana Armed Forces' }],
    then: { act: 'REVOKE', reason: 'licence conditions breached: rifles re-exported to a non-state end user' },
  },
  {
    authority: 'GH-LICENSING',
    registration: { name: 'Kumasi Freight Brokers', registrationNumber: 'GH-BR-2025-0310', nationality: 'GH', residence: 'GH', activities: ['TRANSPORT'] },
    licences: [],
    then: { act: 'SUSPEND', reason: 'annual activity report not filed' },
  },
  {
    authority: 'TG-LICENSING',
    registration: { name: 'Lomé Négoce Sécurité SARL', registrationNumber: 'TG-CR-2024-0081', nationality: 'TG', residence: 'TG', activities: ['BROKERING'] },
    licences: [
      { quantity: 200, category: 'ASSAULT_RIFLE', exportingState: 'CN', importingState: 'TG', transitStates: [], endUser: 'Forces armées togolaises' },
      { quantity: 60, category: 'SHOTGUN', exportingState: 'IT', importingState: 'TG', transitStates: ['GH'], endUser: 'Fédération togolaise de chasse' },
    ],
  },
  {
    authority: 'TG-LICENSING',
    registration: { name: 'Société Atlantique de Courtage', registrationNumber: 'TG-CR-2022-0015', nationality: 'FR', residence: 'TG', activities: ['BROKERING', 'TRANSPORT'] },
    licences: [{ quantity: 80, category: 'PISTOL', exportingState: 'TR', importingState: 'TG', transitStates: ['BF'], endUser: 'Police nationale togolaise' }],
    then: { act: 'REVOKE', reason: 'false end-user certificate presented to customs' },
  },
  {
    authority: 'TG-LICENSING',
    registration: { name: 'Kara Transit Services', registrationNumber: 'TG-CR-2025-0207', nationality: 'TG', residence: 'TG', activities: ['TRANSPORT'] },
    licences: [{ quantity: 40, category: 'RIFLE', exportingState: 'BE', importingState: 'BF', transitStates: ['TG'], endUser: 'Forces armées nationales du Burkina Faso' }],
    then: { act: 'SUSPEND', reason: 'investigation into a diverted consignment' },
  },
];

const DAY = 86_400_000;

/** The demo brokers, registered for two years and licensed for one from `now`. */
export function demoBrokers(now: Date): DemoBroker[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  return SPECS.map((s) => ({
    ...s,
    registration: { ...s.registration, validUntil: at(730) },
    licences: s.licences.map((l) => ({ ...l, validUntil: at(365) })),
  }));
}
