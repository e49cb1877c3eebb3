import { z } from 'zod';
import { Item } from '../items';
import { CountryCode, IsoDateTime, Text, Uuid } from '../primitives';

/**
 * A loss or theft from a state stockpile (PoA II.17). Seizures are matched
 * against these records.
 */
export const StockpileLossReported = z.object({
  lossId: Uuid,
  kind: z.enum(['LOSS', 'THEFT']),
  facility: Text(200),
  country: CountryCode,
  discoveredAt: IsoDateTime,
  circumstances: Text(1000).optional(),
  items: z.array(Item).min(1).max(10_000),
});
