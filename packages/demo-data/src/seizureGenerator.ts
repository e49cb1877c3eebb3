import type { EventDataInputOf, Handling, Originator } from '@tracebridge/contracts';
import { normaliseSerial } from '@tracebridge/contracts';

/** mulberry32: a small, fast, seeded PRNG. The same seed gives the same data on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WeaponModel {
  category: 'PISTOL' | 'REVOLVER' | 'RIFLE' | 'SHOTGUN' | 'SUBMACHINE_GUN' | 'ASSAULT_RIFLE' | 'LIGHT_MACHINE_GUN' | 'HEAVY_MACHINE_GUN' | 'PORTABLE_LAUNCHER' | 'MORTAR';
  manufacturer: string;
  model: string;
  calibre: string;
  country: string;
  serial: (r: () => number) => string;
  weight: number;
}

export const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
export const letters = (r: () => number, n: number): string => Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(r() * 26))).join('');

/** Weapons seized in West Africa per public reporting (Small Arms Survey, UNODC): AK pattern rifles, converted blank-firers, shotguns. */
const MODELS: WeaponModel[] = [
  {
    category: 'ASSAULT_RIFLE',
    manufacturer: 'Kalashnikov Concern',
    model: 'AKM',
    calibre: '7.62x39mm',
    country: 'RU',
    serial: (r) => `${letters(r, 2)}${digits(r, 4)}`,
    weight: 9,
  },
  { category: 'ASSAULT_RIFLE', manufacturer: 'Norinco', model: 'Type 56-1', calibre: '7.62x39mm', country: 'CN', serial: (r) => `${digits(r, 8)}`, weight: 8 },
  { category: 'ASSAULT_RIFLE', manufacturer: 'Zastava Arms', model: 'M70AB2', calibre: '7.62x39mm', country: 'RS', serial: (r) => `${digits(r, 6)}`, weight: 4 },
  { category: 'ASSAULT_RIFLE', manufacturer: 'Arsenal AD', model: 'AR-M1', calibre: '7.62x39mm', country: 'BG', serial: (r) => `${digits(r, 2)}-${digits(r, 6)}`, weight: 3 },
  { category: 'RIFLE', manufacturer: 'Heckler & Koch', model: 'G3', calibre: '7.62x51mm', country: 'DE', serial: (r) => `${digits(r, 6)}`, weight: 2 },
  { category: 'RIFLE', manufacturer: 'FN Herstal', model: 'FAL', calibre: '7.62x51mm', country: 'BE', serial: (r) => `${digits(r, 6)}`, weight: 2 },
  { category: 'PISTOL', manufacturer: 'Glock', model: '17', calibre: '9x19mm', country: 'AT', serial: (r) => `${letters(r, 3)}${digits(r, 3)}`, weight: 6 },
  { category: 'PISTOL', manufacturer: 'Beretta', model: '92FS', calibre: '9x19mm', country: 'IT', serial: (r) => `${letters(r, 3)}${digits(r, 6)}`, weight: 4 },
  { category: 'PISTOL', manufacturer: 'Taurus', model: 'G2C', calibre: '9x19mm', country: 'BR', serial: (r) => `${letters(r, 3)}${digits(r, 5)}`, weight: 4 },
  {
    category: 'PISTOL',
    manufacturer: 'Zoraki',
    model: '914 (converted blank-firer)',
    calibre: '9mm P.A.K.',
    country: 'TR',
    serial: (r) => `${digits(r, 2)}-${letters(r, 1)}${digits(r, 5)}`,
    weight: 8,
  },
  { category: 'PISTOL', manufacturer: 'Ekol', model: 'Firat Magnum (converted blank-firer)', calibre: '9mm P.A.K.', country: 'TR', serial: (r) => `${digits(r, 6)}`, weight: 5 },
  { category: 'PISTOL', manufacturer: 'Norinco', model: 'Type 54', calibre: '7.62x25mm', country: 'CN', serial: (r) => `${digits(r, 7)}`, weight: 3 },
  { category: 'REVOLVER', manufacturer: 'Smith & Wesson', model: 'Model 10', calibre: '.38 Special', country: 'US', serial: (r) => `${letters(r, 1)}${digits(r, 6)}`, weight: 2 },
  { category: 'SHOTGUN', manufacturer: 'Baikal', model: 'MP-153', calibre: '12 gauge', country: 'RU', serial: (r) => `${digits(r, 10)}`, weight: 4 },
  { category: 'SHOTGUN', manufacturer: 'Hatsan', model: 'Escort', calibre: '12 gauge', country: 'TR', serial: (r) => `${digits(r, 6)}`, weight: 5 },
  { category: 'SHOTGUN', manufacturer: 'Mossberg', model: '500', calibre: '12 gauge', country: 'US', serial: (r) => `${letters(r, 1)}${digits(r, 6)}`, weight: 2 },
  { category: 'SUBMACHINE_GUN', manufacturer: 'Israel Weapon Industries', model: 'Uzi', calibre: '9x19mm', country: 'IL', serial: (r) => `${digits(r, 6)}`, weight: 1 },
  {
    category: 'LIGHT_MACHINE_GUN',
    manufacturer: 'Degtyarev Plant',
    model: 'PKM',
    calibre: '7.62x54mmR',
    country: 'RU',
    serial: (r) => `${letters(r, 2)}${digits(r, 4)}`,
    weight: 1,
  },
  { category: 'HEAVY_MACHINE_GUN', manufacturer: 'Degtyarev Plant', model: 'DShKM', calibre: '12.7x108mm', country: 'RU', serial: (r) => `${digits(r, 5)}`, weight: 0.3 },
  { category: 'PORTABLE_LAUNCHER', manufacturer: 'Bazalt', model: 'RPG-7', calibre: '40mm', country: 'RU', serial: (r) => `${digits(r, 2)}-${digits(r, 5)}`, weight: 0.5 },
  { category: 'MORTAR', manufacturer: 'Norinco', model: 'Type 63-1', calibre: '60mm', country: 'CN', serial: (r) => `${digits(r, 6)}`, weight: 0.2 },
];

const AMMUNITION = ['7.62x39mm', '9x19mm', '12 gauge', '7.62x51mm', '5.56x45mm', '7.62x54mmR', '.38 Special'];

interface Place {
  country: string;
  place: string;
  kind: 'PORT' | 'AIRPORT' | 'LAND_BORDER' | 'SEA' | 'INLAND';
  lat: number;
  lon: number;
}

const PLACES: Place[] = [
  { country: 'GH', place: 'Tema port', kind: 'PORT', lat: 5.6333, lon: 0.0167 },
  { country: 'GH', place: 'Takoradi port', kind: 'PORT', lat: 4.8845, lon: -1.7554 },
  { country: 'GH', place: 'Kotoka International Airport', kind: 'AIRPORT', lat: 5.6052, lon: -0.1668 },
  { country: 'GH', place: 'Aflao border crossing', kind: 'LAND_BORDER', lat: 6.1167, lon: 1.1833 },
  { country: 'GH', place: 'Paga border crossing', kind: 'LAND_BORDER', lat: 10.9833, lon: -1.1167 },
  { country: 'GH', place: 'Elubo border crossing', kind: 'LAND_BORDER', lat: 5.2833, lon: -2.7667 },
  { country: 'GH', place: 'Kumasi', kind: 'INLAND', lat: 6.6885, lon: -1.6244 },
  { country: 'TG', place: 'Port autonome de Lomé', kind: 'PORT', lat: 6.1375, lon: 1.2833 },
  { country: 'TG', place: 'Kodjoviakopé border post', kind: 'LAND_BORDER', lat: 6.1214, lon: 1.1972 },
  { country: 'TG', place: 'Cinkassé border post', kind: 'LAND_BORDER', lat: 11.1, lon: 0.0 },
  { country: 'BF', place: 'Dakola border post', kind: 'LAND_BORDER', lat: 11.0, lon: -1.1 },
  { country: 'BF', place: 'Ouagadougou airport', kind: 'AIRPORT', lat: 12.3532, lon: -1.5124 },
  { country: 'BF', place: 'Kantchari border post', kind: 'LAND_BORDER', lat: 12.4772, lon: 1.5108 },
];

/** Routes as public reporting describes them: sea freight via Lomé and Tema, the Sahel corridor from Libya. */
const ROUTES: { origin: string; transit: string[]; destination: string }[] = [
  { origin: 'TR', transit: ['TG'], destination: 'GH' },
  { origin: 'TR', transit: [], destination: 'GH' },
  { origin: 'LY', transit: ['NE', 'BF'], destination: 'GH' },
  { origin: 'LY', transit: ['NE'], destination: 'BF' },
  { origin: 'ML', transit: ['BF'], destination: 'GH' },
  { origin: 'NG', transit: ['BJ'], destination: 'TG' },
  { origin: 'US', transit: [], destination: 'GH' },
  { origin: 'GH', transit: ['TG', 'BJ'], destination: 'NG' },
  { origin: 'CI', transit: [], destination: 'GH' },
  { origin: 'CN', transit: ['TG'], destination: 'BF' },
];

const CONTEXTS = ['illicit trafficking', 'illicit possession', 'undeclared goods in transit', 'armed robbery investigation', 'smuggling in passenger luggage'];
const CONCEALMENT = [
  'false floor of a minibus',
  'used-car shipment (RoRo)',
  'bales of second-hand clothing',
  'passenger luggage',
  'fuel tanker compartment',
  'container of building materials',
];
const TLPS: Handling['tlp'][] = ['GREEN', 'GREEN', 'AMBER', 'AMBER', 'AMBER', 'AMBER_STRICT', 'RED', 'CLEAR'];

export interface GeneratedSeizure {
  originator: Originator;
  handling: Handling;
  occurredAt: string;
  data: EventDataInputOf<'SeizureReported'>;
}

export interface SeizureGenerator {
  next(): GeneratedSeizure;
  /** A seeded random UUID (v4 layout): deterministic test data, never derived from a serial. */
  uuid(): string;
}

const REPORTERS: { agency: string; state: string; form: 'CUSTOMS' | 'POLICE' | 'BORDER' }[] = [
  { agency: 'GH-CUSTOMS', state: 'GH', form: 'CUSTOMS' },
  { agency: 'GH-POLICE', state: 'GH', form: 'POLICE' },
  { agency: 'GH-BORDER', state: 'GH', form: 'BORDER' },
  { agency: 'TG-CUSTOMS', state: 'TG', form: 'CUSTOMS' },
  { agency: 'TG-POLICE', state: 'TG', form: 'POLICE' },
  { agency: 'BF-BORDER', state: 'BF', form: 'BORDER' },
];

/** The seeded draws every part of a seizure is made from. */
export interface SeededRandom {
  /** A fraction in [0, 1). */
  fraction: () => number;
  pick: <T>(xs: readonly T[]) => T;
  /** A random UUID (v4 layout). */
  uuid: () => string;
}

export function seededRandom(seed: number): SeededRandom {
  const fraction = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(fraction() * xs.length)]!;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(fraction() * 16).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return { fraction, pick, uuid };
}

type Reporter = (typeof REPORTERS)[number];
type Item = GeneratedSeizure['data']['items'][number];

/*
 * The draw functions below take their random numbers in a fixed order: the
 * data for a seed is fixed (tests and benchmarks depend on it), so a change to
 * what is drawn, or when, changes every seizure after it.
 */

const TOTAL_MODEL_WEIGHT = MODELS.reduce((s, m) => s + m.weight, 0);

/** A model, the commoner ones (AK pattern rifles, converted blank-firers) more often, by their weight. */
function drawModel({ fraction }: SeededRandom): WeaponModel {
  let x = fraction() * TOTAL_MODEL_WEIGHT;
  for (const m of MODELS) if ((x -= m.weight) <= 0) return m;
  return MODELS[0]!;
}

/** One weapon; some with the serial obliterated (8 %), some unmarked (4 %). */
function drawWeapon(random: SeededRandom): Item {
  const m = drawModel(random);
  const obliterated = random.fraction() < 0.08;
  const unmarked = random.fraction() < 0.04;
  const asRead = m.serial(random.fraction);
  return {
    itemId: random.uuid(),
    kind: 'WEAPON',
    category: m.category,
    ...(unmarked ? {} : { manufacturer: m.manufacturer, countryOfManufacture: m.country }),
    model: m.model,
    calibre: m.calibre,
    ...(obliterated || unmarked ? {} : { serial: { asRead, normalised: normaliseSerial(asRead) } }),
    serialObliterated: obliterated,
    quantity: 1,
  };
}

/** One to six weapons, mostly few, and ammunition in 40 % of seizures. */
function drawItems(random: SeededRandom): Item[] {
  const { fraction, pick } = random;
  const items: Item[] = Array.from({ length: 1 + Math.floor(fraction() * fraction() * 6) }, () => drawWeapon(random));
  if (fraction() < 0.4) items.push({ itemId: random.uuid(), kind: 'AMMUNITION', calibre: pick(AMMUNITION), quantity: 20 + Math.floor(fraction() * 2000) });
  return items;
}

/** What the reporter's own form asks for: customs office, police case or border crossing. */
function drawFormDetails({ fraction, pick }: SeededRandom, reporter: Reporter, place: Place): GeneratedSeizure['data']['details'] {
  switch (reporter.form) {
    case 'CUSTOMS':
      return { form: 'CUSTOMS', customsOffice: place.place, declarationReference: `${reporter.state}-DEC-${digits(fraction, 8)}` };
    case 'POLICE':
      return { form: 'POLICE', caseNumber: `${reporter.state}/CID/${digits(fraction, 5)}/26`, recoveryContext: pick(['SEARCH', 'ARREST', 'VOLUNTARY_SURRENDER'] as const) };
    case 'BORDER':
      return { form: 'BORDER', crossingPoint: place.place, directionOfTravel: pick(['INBOUND', 'OUTBOUND'] as const) };
  }
}

/** TLP by its frequency in TLPS; a RED seizure is released to the liaison hub. */
function drawHandling({ fraction, pick }: SeededRandom): Handling {
  const tlp = pick(TLPS);
  return { tlp, code: 'H0', reliability: pick(['A', 'B', 'B', 'C'] as const), accuracy: 1 + Math.floor(fraction() * 3), releasableTo: tlp === 'RED' ? ['WA-LIAISON'] : [] };
}

/** A person in 60 % of seizures, known by a reference only. */
function drawPersons({ fraction, pick, uuid }: SeededRandom): GeneratedSeizure['data']['persons'] {
  return fraction() < 0.6 ? [{ personRef: uuid(), role: pick(['driver', 'passenger', 'consignee', 'suspect']), nationality: pick(['GH', 'TG', 'BF', 'NG', 'CI']) }] : [];
}

/** One seizure by one of the demo agencies, at a place in its own state, within `period` (epoch ms). */
function drawSeizure(random: SeededRandom, period: { from: number; to: number }): GeneratedSeizure {
  const { fraction, pick } = random;
  const reporter = pick(REPORTERS);
  const place = pick(PLACES.filter((p) => p.country === reporter.state));
  const route = pick(ROUTES);
  const items = drawItems(random);
  const details = drawFormDetails(random, reporter, place);
  const seizureId = random.uuid();
  const handling = drawHandling(random);
  return {
    originator: { state: reporter.state, agency: reporter.agency },
    handling,
    occurredAt: new Date(period.from + Math.floor(fraction() * (period.to - period.from))).toISOString(),
    data: {
      seizureId,
      location: { country: place.country, place: place.place, kind: place.kind, lat: place.lat, lon: place.lon },
      route,
      context: pick(CONTEXTS),
      concealment: pick(CONCEALMENT),
      details,
      items,
      persons: drawPersons(random),
    },
  };
}

/**
 * A seeded generator of realistic seizures: real manufacturers, models and
 * calibres, ISO country codes, plausible routes and places in Ghana, Togo
 * and Burkina Faso; some serials obliterated, some weapons unmarked.
 */
export function createSeizureGenerator(seed = 1, options: { from?: Date; to?: Date } = {}): SeizureGenerator {
  const random = seededRandom(seed);
  const period = {
    from: (options.from ?? new Date('2026-01-01T00:00:00Z')).getTime(),
    to: (options.to ?? new Date('2026-11-01T00:00:00Z')).getTime(),
  };
  return { uuid: random.uuid, next: () => drawSeizure(random, period) };
}
