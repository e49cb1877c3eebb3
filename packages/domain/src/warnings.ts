import type { HitDto, Item, SeizureReported } from '@tracebridge/contracts';
import { screenEmbargoes, type EmbargoRegime } from './embargo';
import { checkMarking } from './marking';

export interface WarningDto {
  code: string;
  message: string;
}

/** Marking warnings of the International Tracing Instrument (PoA II.7–8), per item. */
export const markingWarnings = (items: readonly Item[]): WarningDto[] => items.flatMap((i) => checkMarking(i).map((w) => ({ code: w.code, message: w.message })));

/** What a seizure itself warns of: embargoes on its place and route (PoA II.15), and marking. */
export function reportWarnings(data: SeizureReported, embargoes: EmbargoRegime[]): WarningDto[] {
  const countries = [
    { country: data.location.country, role: 'location' as const },
    ...(data.route?.origin ? [{ country: data.route.origin, role: 'origin' as const }] : []),
    ...(data.route?.transit ?? []).map((c) => ({ country: c, role: 'transit' as const })),
    ...(data.route?.destination ? [{ country: data.route.destination, role: 'destination' as const }] : []),
  ];
  return [...screenEmbargoes(countries, embargoes).map((w) => ({ code: w.code, message: w.message })), ...markingWarnings(data.items)];
}

/** One HIT warning per match; `undefined` hits mean the hub did not answer, which the officer is told. */
export function hitWarnings(hits: readonly HitDto[] | undefined): WarningDto[] {
  if (hits === undefined) return [{ code: 'HIT_CHECK_UNAVAILABLE', message: 'the liaison hub did not answer; run serialCheck later' }];
  return hits.map((h) => ({
    code: 'HIT',
    message: `${h.manufacturer} ${h.serialNumber} matches a ${h.recordKind === 'STOCKPILE_LOSS' ? 'stockpile loss' : 'seizure'} held by ${h.holder.id}`,
  }));
}
