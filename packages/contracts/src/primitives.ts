import countries from 'i18n-iso-countries';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** ISO 3166-1 alpha-2 code of a state, upper case, checked against the ISO list. */
export const CountryCode = z
  .string()
  .length(2)
  .regex(/^[A-Z]{2}$/, 'must be an upper-case ISO 3166-1 alpha-2 code')
  .refine((c) => countries.isValid(c), { message: 'is not an ISO 3166-1 alpha-2 country code' });
export type CountryCode = z.infer<typeof CountryCode>;

/**
 * An agency or group id as the directory registers it, e.g. `GH-CUSTOMS` or
 * `WA-LIAISON`. Upper-case letters, digits and single dashes: it is also a
 * token of NATS subjects, so no dots, spaces or wildcards.
 */
export const AgencyId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, 'must be upper-case letters and digits separated by single dashes');
export type AgencyId = z.infer<typeof AgencyId>;

/** Random (not derived) ids: a UUID derived from a serial would let anyone test a guess. */
export const Uuid = z.uuid();

/** UUIDv7: random, and sortable by creation time, so event ids index well. */
export const EventId = z.uuidv7();
export const newEventId = (): string => uuidv7();
export const newId = (): string => uuidv7();

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** A bounded free text: every string that travels has a size limit. */
export const Text = (max = 500) => z.string().trim().min(1).max(max);

/** Milliseconds since the epoch of an ISO timestamp: parsing, not reading a clock (pure code may use it). */
export const isoMillis = (iso: string): number => Date.parse(iso);

/** The ISO timestamp (UTC) of milliseconds since the epoch: formatting, not reading a clock (pure code may use it). */
export const isoFromMillis = (ms: number): string => new Date(ms).toISOString();
