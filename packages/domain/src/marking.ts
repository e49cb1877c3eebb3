import type { Item } from '@tracebridge/contracts';

export type MarkingWarningCode = 'INADEQUATE_MARKING' | 'SERIAL_OBLITERATED';

export interface MarkingWarning {
  code: MarkingWarningCode;
  itemId: string;
  message: string;
}

/**
 * Marking checks of the International Tracing Instrument (PoA II.7–8): a
 * weapon must carry its manufacturer, its country of manufacture and a serial
 * number. An obliterated serial is its own, stronger signal of diversion.
 * Ammunition and parts are not checked here: the Instrument marks weapons.
 */
export function checkMarking(item: Item): MarkingWarning[] {
  if (item.kind !== 'WEAPON') return [];
  const warnings: MarkingWarning[] = [];
  if (item.serialObliterated) {
    warnings.push({ code: 'SERIAL_OBLITERATED', itemId: item.itemId, message: 'the serial number has been obliterated' });
  }
  const missing = [
    item.manufacturer === undefined ? 'manufacturer' : undefined,
    item.countryOfManufacture === undefined ? 'country of manufacture' : undefined,
    item.serial === undefined && !item.serialObliterated ? 'serial number' : undefined,
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    warnings.push({ code: 'INADEQUATE_MARKING', itemId: item.itemId, message: `weapon lacks ${missing.join(', ')} (PoA II.7–8)` });
  }
  return warnings;
}
