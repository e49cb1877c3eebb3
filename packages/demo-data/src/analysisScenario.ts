import { normaliseSerial } from '@tracebridge/contracts';
import { createSeizureGenerator, digits, letters, seededRandom, type GeneratedSeizure, type SeededRandom } from './seizureGenerator';

/** A person of a planted PERSON link: the same identity document in two seizures of one agency. */
export interface PlantedIdentity {
  name: string;
  documentNumber: string;
}

/** A seizure of the scenario; `identities`, when given, are its persons' names and documents (index for index). */
export type ScenarioSeizure = GeneratedSeizure & { identities?: PlantedIdentity[] };

/** What the scenario planted, for a new user to find and for tests to check (indexes into `seizures`). */
export interface PlantedPatterns {
  /** The two corridors that carry most seizures, by design. */
  corridors: [string, string];
  /** Groups of seizures sharing a broker, a conveyance, a document or a person. */
  links: { kind: 'BROKER' | 'CONVEYANCE' | 'DOCUMENT' | 'PERSON'; value: string; seizures: number[] }[];
  /** One diverted lot: consecutive serials of one model, seized in three states over months. */
  lot: { manufacturer: string; model: string; serials: string[]; seizures: number[] };
  /** A broker named in seizures whose licence the licensing authority revoked (the broker registry's demo). */
  revokedBroker: { name: string; registrationNumber: string; state: string };
}

const CORRIDORS = [
  { origin: 'TR', transit: ['TG'], destination: 'GH' },
  { origin: 'LY', transit: ['NE', 'BF'], destination: 'GH' },
] as const;

/** The broker of the demo registry whose licence is revoked (packages/demo-data brokers, registered by GH-LICENSING). */
export const REVOKED_DEMO_BROKER = { name: 'Volta Freight Services Ltd', registrationNumber: 'GH-BRK-0007', state: 'GH' };

/**
 * What links seizures, drawn from a stream of its own (the seizure's own
 * draws stay as they were): a conveyance fitting the place (a container at
 * a port, a flight with its date at an airport, a vehicle at a border or
 * inland), sometimes a bill of lading, and now and then a broker from a
 * large pool of small firms (each named about once: background, not a lead).
 */
function decorate(s: GeneratedSeizure, r: SeededRandom): GeneratedSeizure {
  const { fraction, pick } = r;
  const day = s.occurredAt.slice(0, 10);
  const kind = s.data.location.kind;
  const conveyance =
    kind === 'PORT' || kind === 'SEA'
      ? { mode: 'SEA' as const, identifier: `${letters(fraction, 3)}U${digits(fraction, 7)}` }
      : kind === 'AIRPORT'
        ? { mode: 'AIR' as const, identifier: `${pick(['ET', 'KP', 'AT', 'TK', 'AF', 'HF'])}${digits(fraction, 3)}/${day}` }
        : { mode: 'ROAD' as const, identifier: `${s.originator.state}-${digits(fraction, 4)}-${letters(fraction, 2)}` };
  const documents = conveyance.mode === 'SEA' && fraction() < 0.5 ? [{ kind: 'BILL_OF_LADING' as const, number: `${letters(fraction, 4)}${digits(fraction, 9)}` }] : [];
  const brokers =
    fraction() < 0.08 ? [{ name: `${pick(['Atlas', 'Sahel', 'Gulf', 'Coastal', 'Savannah', 'Harmattan'])} Trading ${digits(fraction, 5)}`, state: s.originator.state }] : [];
  return { ...s, data: { ...s.data, conveyance, documents, brokers } };
}

/**
 * The demo's seizures (issue 9): the seeded generator's, with what links
 * seizures, and a few planted patterns so that every analyst query answers
 * something on a new network: two corridors that dominate, seizures sharing
 * a container, a bill of lading, a broker (one whose licence is revoked) and
 * a person, and one diverted lot spread over Ghana, Togo and Burkina Faso.
 */
export function createAnalysisScenario(seed: number, count: number): { seizures: ScenarioSeizure[]; planted: PlantedPatterns } {
  const generator = createSeizureGenerator(seed);
  const extra = seededRandom(seed ^ 0x5eed);
  const seizures: ScenarioSeizure[] = Array.from({ length: count }, () => decorate(generator.next(), extra));
  // Two corridors dominate: a third of all seizures take one of them.
  seizures.forEach((s, i) => {
    if (i % 3 === 0) s.data.route = { ...CORRIDORS[(i / 3) % 2 === 0 ? 0 : 1], transit: [...CORRIDORS[(i / 3) % 2 === 0 ? 0 : 1].transit] };
  });
  const planted = plant(seizures, extra);
  return { seizures, planted };
}

/** The planted links and lot, on seizures spread through the list (never the corridor ones' pattern: indexes 1 mod 3). */
function plant(seizures: ScenarioSeizure[], r: SeededRandom): PlantedPatterns {
  const at = (k: number) => Math.min(seizures.length - 1, 1 + 3 * Math.floor((k * seizures.length) / 40));
  const green = (i: number) => (seizures[i]!.handling = { ...seizures[i]!.handling, tlp: 'GREEN', releasableTo: [] });
  const links: PlantedPatterns['links'] = [];
  const container = `MSCU${digits(r.fraction, 7)}`;
  const conveyanceGroup = [at(1), at(2), at(3)];
  for (const i of conveyanceGroup) seizures[i]!.data.conveyance = { mode: 'SEA', identifier: container };
  links.push({ kind: 'CONVEYANCE', value: container, seizures: conveyanceGroup });
  const lading = `MAEU${digits(r.fraction, 9)}`;
  const documentGroup = [at(4), at(5)];
  for (const i of documentGroup) seizures[i]!.data.documents = [{ kind: 'BILL_OF_LADING', number: lading }];
  links.push({ kind: 'DOCUMENT', value: lading, seizures: documentGroup });
  const brokerGroup = [at(6), at(7), at(8), at(9)];
  for (const i of brokerGroup) seizures[i]!.data.brokers = [{ ...REVOKED_DEMO_BROKER }];
  links.push({ kind: 'BROKER', value: REVOKED_DEMO_BROKER.name, seizures: brokerGroup });
  const personGroup = samePersonPair(seizures);
  const identity = { name: 'Demo Person Z', documentNumber: `G${digits(r.fraction, 7)}` };
  for (const i of personGroup)
    seizures[i]!.identities = seizures[i]!.data.persons!.map((_, k) => (k === 0 ? identity : { name: `Demo Person ${k}`, documentNumber: `X${digits(r.fraction, 8)}` }));
  if (personGroup.length) links.push({ kind: 'PERSON', value: seizures[personGroup[0]!]!.originator.agency, seizures: personGroup });
  for (const g of links) g.seizures.forEach(green);
  const lot = plantLot(seizures, [at(10), at(11), at(12)], r);
  lot.seizures.forEach(green);
  return { corridors: ['TR-TG-GH', 'LY-NE-BF-GH'], links, lot, revokedBroker: { ...REVOKED_DEMO_BROKER } };
}

/** Two seizures of one agency, each with a person, for a PERSON link (none when the scenario is too small to have two). */
function samePersonPair(seizures: ScenarioSeizure[]): number[] {
  const withPerson = seizures.map((s, i) => [s, i] as const).filter(([s, i]) => i % 3 === 2 && (s.data.persons?.length ?? 0) > 0);
  for (const [s, i] of withPerson.slice(Math.floor(withPerson.length / 2)).concat(withPerson)) {
    const other = withPerson.find(([t, j]) => j !== i && t.originator.agency === s.originator.agency);
    if (other) return [i, other[1]].sort((a, b) => a - b);
  }
  return [];
}

/** Nine Zastava M70AB2 rifles with serials 40 apart (one lot), three in each of three seizures made in GH, TG and BF. */
function plantLot(seizures: ScenarioSeizure[], candidates: number[], r: SeededRandom): PlantedPatterns['lot'] {
  const states = ['GH', 'TG', 'BF'];
  const inState = (state: string, after: number) => seizures.findIndex((s, i) => i > after && i % 3 === 2 && s.originator.state === state);
  const chosen = states.map((state, k) => (inState(state, candidates[k]!) >= 0 ? inState(state, candidates[k]!) : inState(state, -1))).filter((i) => i >= 0);
  const serials = Array.from({ length: 9 }, (_, k) => `M70-${(1_734_100 + 40 * k).toString()}`);
  chosen.forEach((i, k) => {
    const s = seizures[i]!;
    const rifles = serials.slice(3 * k, 3 * k + 3).map((asRead) => ({
      itemId: r.uuid(),
      kind: 'WEAPON' as const,
      category: 'ASSAULT_RIFLE' as const,
      manufacturer: 'Zastava Arms',
      countryOfManufacture: 'RS',
      model: 'M70AB2',
      calibre: '7.62x39mm',
      serial: { asRead, normalised: normaliseSerial(asRead) },
      serialObliterated: false,
      quantity: 1,
    }));
    s.data.items = [...rifles, ...s.data.items];
  });
  return { manufacturer: 'Zastava Arms', model: 'M70AB2', serials, seizures: chosen };
}
