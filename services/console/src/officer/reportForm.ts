import type { WeaponCategory } from '../ui/weaponCategories';

/**
 * The report form's state and its choices: what the officer types, as strings (a native input's value), before
 * reportMapping.ts turns it into the API's input. Pure: no React, no DOM.
 */
export const LOCATION_KINDS = ['PORT', 'AIRPORT', 'LAND_BORDER', 'SEA', 'INLAND'] as const;
export const ITEM_KINDS = ['WEAPON', 'AMMUNITION', 'PART'] as const;
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export const RELIABILITIES = ['A', 'B', 'C', 'X'] as const;
export const ACCURACIES = ['1', '2', '3', '4'] as const;
export const CONVEYANCE_MODES = ['ROAD', 'SEA', 'AIR', 'RAIL', 'OTHER'] as const;
export const RECOVERY_CONTEXTS = ['SEARCH', 'ARREST', 'VOLUNTARY_SURRENDER', 'OTHER'] as const;
export const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'UNKNOWN'] as const;
export const REPORTING_KINDS = ['CUSTOMS', 'POLICE', 'BORDER'] as const;

export type LocationKind = (typeof LOCATION_KINDS)[number];
export type ItemKind = (typeof ITEM_KINDS)[number];
export type { WeaponCategory };
export type Tlp = (typeof TLPS)[number];
export type HandlingCode = (typeof HANDLING_CODES)[number];
export type Reliability = (typeof RELIABILITIES)[number];
export type ConveyanceMode = (typeof CONVEYANCE_MODES)[number];
export type ReportingKind = (typeof REPORTING_KINDS)[number];

export const isReportingKind = (kind: string): kind is ReportingKind => (REPORTING_KINDS as readonly string[]).includes(kind);

export interface ItemForm {
  kind: ItemKind;
  /** '' for none (ammunition, parts). */
  category: WeaponCategory | '';
  manufacturer: string;
  model: string;
  calibre: string;
  serialNumber: string;
  serialObliterated: boolean;
  /** ISO 3166-1 alpha-2, '' for unknown. */
  countryOfManufacture: string;
  importMarking: string;
  quantity: string;
}

export interface PersonForm {
  role: string;
  name: string;
  nationality: string;
  documentNumber: string;
}

/** The fields of one agency kind's form only (customs office, police case, border crossing point). */
export interface KindFields {
  customsOffice: string;
  declarationReference: string;
  caseNumber: string;
  recoveryContext: string;
  crossingPoint: string;
  patrol: string;
  directionOfTravel: string;
}

export interface ReportForm {
  /** Generated once per form (a retry sends the same one: the report is never stored twice). */
  clientReference: string;
  /** A `datetime-local` value, e.g. 2026-11-20T09:30 (the officer's local time). */
  occurredAt: string;
  location: { country: string; place: string; kind: LocationKind };
  route: { origin: string; transit: string[]; destination: string };
  context: string;
  concealment: string;
  legalBasis: string;
  items: ItemForm[];
  persons: PersonForm[];
  conveyance: { mode: ConveyanceMode; identifier: string };
  handling: { tlp: Tlp; code: HandlingCode; restrictions: string; reliability: Reliability; accuracy: string };
  kindFields: KindFields;
}

export const emptyItem = (): ItemForm => ({
  kind: 'WEAPON',
  category: '',
  manufacturer: '',
  model: '',
  calibre: '',
  serialNumber: '',
  serialObliterated: false,
  countryOfManufacture: '',
  importMarking: '',
  quantity: '1',
});

export const emptyPerson = (): PersonForm => ({ role: '', name: '', nationality: '', documentNumber: '' });

/** A new report: one item, no person, TLP:AMBER and H0, located in the officer's own state. */
export function emptyReportForm(country: string, clientReference: string): ReportForm {
  return {
    clientReference,
    occurredAt: '',
    location: { country, place: '', kind: 'LAND_BORDER' },
    route: { origin: '', transit: [], destination: '' },
    context: '',
    concealment: '',
    legalBasis: '',
    items: [emptyItem()],
    persons: [],
    conveyance: { mode: 'ROAD', identifier: '' },
    handling: { tlp: 'AMBER', code: 'H0', restrictions: '', reliability: 'X', accuracy: '4' },
    kindFields: { customsOffice: '', declarationReference: '', caseNumber: '', recoveryContext: '', crossingPoint: '', patrol: '', directionOfTravel: '' },
  };
}
