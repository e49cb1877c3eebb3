import type { BorderInterdictionInput, CustomsSeizureInput, PoliceRecoveryInput, SharedReportInput } from './reportOperations';
import type { ItemForm, PersonForm, ReportForm, ReportingKind } from './reportForm';

/**
 * The report form → the GraphQL input of the officer's agency kind: text trimmed, empty optional fields
 * dropped, the local date and time made ISO 8601 with an offset. Lists keep their order (items and persons
 * keep their index, so an error at `input.items.1.serialNumber` finds its field). Pure: tested on its own.
 */
export type ReportInput = { kind: 'CUSTOMS'; input: CustomsSeizureInput } | { kind: 'POLICE'; input: PoliceRecoveryInput } | { kind: 'BORDER'; input: BorderInterdictionInput };

/** Trimmed text, or undefined when empty. */
const text = (value: string): string | undefined => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The object without its undefined entries (an empty optional field is not sent). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A `datetime-local` value (the officer's local time, `2026-11-20T09:30`) as ISO 8601 in UTC (`2026-11-20T08:30:00.000Z`).
 * Anything that is not a date is sent as typed, for the API to refuse at its field.
 */
export function localToIso(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) return trimmed;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
}

const integer = (value: string): number | undefined => {
  const n = Number.parseInt(value.trim(), 10);
  return Number.isNaN(n) ? undefined : n;
};

function mapItem(item: ItemForm): SharedReportInput['items'][number] {
  return compact({
    kind: item.kind,
    category: item.category === '' ? undefined : item.category,
    manufacturer: text(item.manufacturer),
    model: text(item.model),
    calibre: text(item.calibre),
    serialNumber: text(item.serialNumber),
    serialObliterated: item.serialObliterated ? true : undefined,
    countryOfManufacture: text(item.countryOfManufacture),
    importMarking: text(item.importMarking),
    quantity: integer(item.quantity),
  });
}

const mapPerson = (person: PersonForm): NonNullable<SharedReportInput['persons']>[number] =>
  compact({ role: person.role.trim(), name: person.name.trim(), nationality: text(person.nationality), documentNumber: text(person.documentNumber) });

function mapRoute(route: ReportForm['route']): SharedReportInput['route'] {
  const transit = route.transit.map((c) => c.trim()).filter((c) => c !== '');
  const mapped = compact({ origin: text(route.origin), transit: transit.length > 0 ? transit : undefined, destination: text(route.destination) });
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}

/** The fields every kind's report has. */
export function toSharedInput(form: ReportForm): SharedReportInput {
  const { handling } = form;
  return compact({
    clientReference: form.clientReference,
    occurredAt: localToIso(form.occurredAt),
    location: { country: form.location.country.trim(), place: form.location.place.trim(), kind: form.location.kind },
    route: mapRoute(form.route),
    context: text(form.context),
    concealment: text(form.concealment),
    legalBasis: text(form.legalBasis),
    items: form.items.map(mapItem),
    conveyance: text(form.conveyance.identifier) ? { mode: form.conveyance.mode, identifier: form.conveyance.identifier.trim() } : undefined,
    persons: form.persons.length > 0 ? form.persons.map(mapPerson) : undefined,
    handling: compact({
      tlp: handling.tlp,
      code: handling.code,
      restrictions: text(handling.restrictions),
      reliability: handling.reliability,
      accuracy: integer(handling.accuracy),
    }),
  });
}

/** The input of the officer's agency kind: the shared fields and that kind's own. */
export function toReportInput(kind: ReportingKind, form: ReportForm): ReportInput {
  const shared = toSharedInput(form);
  const k = form.kindFields;
  switch (kind) {
    case 'CUSTOMS':
      return { kind, input: compact({ ...shared, customsOffice: text(k.customsOffice), declarationReference: text(k.declarationReference) }) };
    case 'POLICE':
      return { kind, input: compact({ ...shared, caseNumber: text(k.caseNumber), recoveryContext: text(k.recoveryContext) }) };
    case 'BORDER':
      return { kind, input: compact({ ...shared, crossingPoint: text(k.crossingPoint), patrol: text(k.patrol), directionOfTravel: text(k.directionOfTravel) }) };
  }
}

/** The kind-specific fields of each form, by their key in KindFields (and in the API's input). */
export const KIND_FIELDS: Record<ReportingKind, readonly (keyof ReportForm['kindFields'])[]> = {
  CUSTOMS: ['customsOffice', 'declarationReference'],
  POLICE: ['caseNumber', 'recoveryContext'],
  BORDER: ['crossingPoint', 'patrol', 'directionOfTravel'],
};

const ITEM_FIELDS = ['kind', 'category', 'manufacturer', 'model', 'calibre', 'serialNumber', 'serialObliterated', 'countryOfManufacture', 'importMarking', 'quantity'] as const;
const PERSON_FIELDS = ['role', 'name', 'nationality', 'documentNumber'] as const;

/**
 * The key of every field the form shows (`input.items.0.serialNumber`), as `placeErrors` matches an error's
 * `extensions.path` (the mutation's variable is `input`). A list's own key (`input.items`) takes what is
 * wrong with the list as a whole; `input.route.transit` takes any transit country's error.
 */
export function reportFieldKeys(kind: ReportingKind, form: ReportForm): string[] {
  return [
    'input.occurredAt',
    'input.location.country',
    'input.location.place',
    'input.location.kind',
    'input.route.origin',
    'input.route.transit',
    'input.route.destination',
    'input.context',
    'input.concealment',
    'input.legalBasis',
    'input.items',
    ...form.items.flatMap((_, i) => ITEM_FIELDS.map((f) => `input.items.${i}.${f}`)),
    'input.persons',
    ...form.persons.flatMap((_, i) => PERSON_FIELDS.map((f) => `input.persons.${i}.${f}`)),
    'input.conveyance.mode',
    'input.conveyance.identifier',
    'input.handling.tlp',
    'input.handling.code',
    'input.handling.restrictions',
    'input.handling.reliability',
    'input.handling.accuracy',
    ...KIND_FIELDS[kind].map((f) => `input.${f}`),
  ];
}
