import { z } from 'zod';
import { CountryCode, IsoDate, Text, Uuid } from '../primitives';

/** A trafficking route observed by an analyst, linking the seizures that support it. */
export const RouteObserved = z.object({
  routeId: Uuid,
  origin: CountryCode,
  transit: z.array(CountryCode).max(20).default([]),
  destination: CountryCode,
  modus: Text(500).optional(),
  seizureIds: z.array(Uuid).max(1000).default([]),
  observedFrom: IsoDate.optional(),
  observedTo: IsoDate.optional(),
});
