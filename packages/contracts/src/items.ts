import { z } from 'zod';
import { CountryCode, Text, Uuid } from './primitives';

/** UN SALW categories, plus shotguns and "other" (domain.md). */
export const WeaponCategory = z.enum([
  'PISTOL',
  'REVOLVER',
  'RIFLE',
  'SHOTGUN',
  'SUBMACHINE_GUN',
  'ASSAULT_RIFLE',
  'LIGHT_MACHINE_GUN',
  'HEAVY_MACHINE_GUN',
  'GRENADE_LAUNCHER',
  'PORTABLE_LAUNCHER',
  'MORTAR',
  'OTHER',
]);
export type WeaponCategory = z.infer<typeof WeaponCategory>;

export const ItemKind = z.enum(['WEAPON', 'AMMUNITION', 'PART']);
export const ItemCondition = z.enum(['NEW', 'SERVICEABLE', 'DAMAGED', 'UNSERVICEABLE', 'CONVERTED', 'UNKNOWN']);

/** A serial as read by the officer, and as normalised for matching (null for junk serials). */
export const Serial = z.object({
  asRead: z.string().trim().min(1).max(64),
  normalised: z.string().max(64).nullable(),
});

/** Import marking (PoA II.8(b)): the importing country and year, or the text as read. */
export const ImportMarking = z.object({
  country: CountryCode.optional(),
  year: z.number().int().min(1800).max(2200).optional(),
  text: Text(200).optional(),
});

/** One item of a seizure or a stockpile loss: a weapon, a part or component, or ammunition. */
export const Item = z.object({
  itemId: Uuid,
  kind: ItemKind,
  category: WeaponCategory.optional(),
  manufacturer: Text(120).optional(),
  model: Text(120).optional(),
  calibre: Text(40).optional(),
  serial: Serial.optional(),
  serialObliterated: z.boolean().default(false),
  countryOfManufacture: CountryCode.optional(),
  importMarking: ImportMarking.optional(),
  otherMarkings: Text(500).optional(),
  stateOwnershipMark: Text(200).optional(),
  condition: ItemCondition.optional(),
  /** Count of identical items; rounds for ammunition. */
  quantity: z.number().int().min(1).max(10_000_000).default(1),
});
export type Item = z.infer<typeof Item>;
