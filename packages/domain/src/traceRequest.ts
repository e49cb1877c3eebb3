import {
  ErrorCodes,
  normaliseSerial,
  ValidationError,
  type EventDataInputOf,
  type IssuePath,
  type TraceBasis,
  type TracedItem,
  type TracePriority,
  type WeaponCategory,
} from '@tracebridge/contracts';
import type { z } from 'zod';
import type { TraceDeadlines } from './traceDeadlines';

/**
 * The traced item as the requester's seizure records it, under an `Item`'s
 * names. Only these fields are copied into the request: whatever else the
 * caller's object carries (a seizure's persons, notes) never leaves.
 */
export interface TracedItemInput {
  category?: WeaponCategory;
  manufacturer?: string;
  model?: string;
  calibre?: string;
  /** The serial as read; its normalised form is recomputed from it. */
  serial?: { asRead: string };
  serialObliterated?: boolean;
  countryOfManufacture?: string;
  importMarking?: { country?: string; year?: number; text?: string };
  otherMarkings?: string;
  stateOwnershipMark?: string;
}

/** What an officer asks for (the `requestTrace` input), with the facts the service adds from the directory and its configuration. */
export interface RequestTraceData {
  traceId: string;
  seizureId: string;
  itemId: string;
  item: TracedItemInput;
  addressedState: string;
  basis: TraceBasis;
  priority: TracePriority;
  /** Required with URGENT; ignored with ROUTINE. */
  urgencyReason?: string;
  circumstances?: string;
  illicitReason?: string;
  intendedUse?: string;
  restrictions?: string;
  caseId?: string;
  /** Fact from the directory: the addressed state's point of contact, or null when it lists none. */
  pointOfContact: string | null;
  /** Fact from configuration: `traceDeadlines(process.env)`. */
  deadlines: TraceDeadlines;
}

type Snapshot = z.input<typeof TracedItem>;
export type TraceRequestedData = EventDataInputOf<'TraceRequested'>;

/** A text that says something, trimmed; blank is absent. */
export const given = (text: string | undefined): string | undefined => text?.trim() || undefined;

function importMarkingOf(m: TracedItemInput['importMarking']): Snapshot['importMarking'] {
  const country = given(m?.country);
  const text = given(m?.text);
  if (country === undefined && text === undefined) return undefined;
  return { ...(country ? { country } : {}), ...(m?.year === undefined ? {} : { year: m.year }), ...(text ? { text } : {}) };
}

/** The item's snapshot for the request: the named fields, trimmed, blanks left out. */
export function tracedItem(input: TracedItemInput): Snapshot {
  const asRead = given(input.serial?.asRead);
  const texts = {
    manufacturer: given(input.manufacturer),
    model: given(input.model),
    calibre: given(input.calibre),
    countryOfManufacture: given(input.countryOfManufacture),
    otherMarkings: given(input.otherMarkings),
    stateOwnershipMark: given(input.stateOwnershipMark),
  };
  const importMarking = importMarkingOf(input.importMarking);
  return {
    ...(input.category ? { category: input.category } : {}),
    ...Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined)),
    ...(asRead ? { serial: { asRead, normalised: normaliseSerial(asRead) } } : {}),
    serialObliterated: input.serialObliterated ?? false,
    ...(importMarking ? { importMarking } : {}),
  };
}

/**
 * Everything a trace needs that the request lacks, all at once: missing
 * markings and import data are why traces fail in practice, and a request
 * refused one field at a time costs a round trip per field.
 */
export function missingForTrace(d: RequestTraceData, item: Snapshot): IssuePath[] {
  const missing: IssuePath[] = [];
  const need = (absent: boolean, path: string[], message: string): void => {
    if (absent) missing.push({ path, message });
  };
  need(d.priority === 'URGENT' && !given(d.urgencyReason), ['urgencyReason'], 'an urgent request says why it is urgent');
  need(!given(d.circumstances), ['circumstances'], 'the circumstances in which the weapon was found');
  need(!given(d.illicitReason), ['illicitReason'], 'why the weapon is considered illicit');
  need(!given(d.intendedUse), ['intendedUse'], 'what the information will be used for');
  need(!item.manufacturer, ['item', 'manufacturer'], 'the manufacturer');
  // A junk serial ("0", "UNKNOWN") normalises to null: it identifies nothing.
  need(!item.serial?.normalised && !item.otherMarkings, ['item', 'serial'], 'a serial number, or other markings when it is obliterated');
  need(!item.category, ['item', 'category'], 'the weapon’s category');
  need(!item.model, ['item', 'model'], 'the weapon’s model');
  need(d.basis === 'COUNTRY_OF_MANUFACTURE' && !item.countryOfManufacture, ['item', 'countryOfManufacture'], 'the country of manufacture the request is based on');
  need(d.basis === 'LAST_LEGAL_IMPORT' && !item.importMarking, ['item', 'importMarking'], 'the import marking the request is based on');
  return missing;
}

export const incomplete = (missing: IssuePath[]): ValidationError =>
  new ValidationError(ErrorCodes.TRACE_REQUEST_INCOMPLETE, `the tracing request lacks ${missing.map((m) => m.path.join('.')).join(', ')}`, missing);

/** The request's event data: the request's fields trimmed, the item's snapshot, the requester's state and the computed deadline. */
export function traceRequestedData(d: RequestTraceData, item: Snapshot, requesterState: string, deadline: string): TraceRequestedData {
  const restrictions = given(d.restrictions);
  return {
    traceId: d.traceId,
    seizureId: d.seizureId,
    itemId: d.itemId,
    item,
    basis: d.basis,
    priority: d.priority,
    ...(d.priority === 'URGENT' ? { urgencyReason: given(d.urgencyReason)! } : {}),
    circumstances: given(d.circumstances)!,
    illicitReason: given(d.illicitReason)!,
    intendedUse: given(d.intendedUse)!,
    ...(restrictions ? { restrictions } : {}),
    ...(d.caseId ? { caseId: d.caseId } : {}),
    requesterState,
    addressedState: d.addressedState,
    pointOfContact: d.pointOfContact!,
    deadline,
  };
}
