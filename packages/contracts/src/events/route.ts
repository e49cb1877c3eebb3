import { z } from 'zod';
import { CountryCode, IsoDate, Text, Uuid } from '../primitives';

/** How confident the analyst is that the corridor is used. */
export const RouteConfidence = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export const ModeOfTransport = z.enum(['ROAD', 'SEA', 'AIR', 'RAIL', 'MIXED', 'OTHER']);

/**
 * A trafficking corridor asserted by an analyst (issue 9): its legs, in
 * order, from origin through the transit states to destination. Counted as
 * an observation of the corridor with the same legs.
 */
export const RouteObserved = z.object({
  routeId: Uuid,
  legs: z.array(CountryCode).min(2).max(22),
  modeOfTransport: ModeOfTransport.optional(),
  confidence: RouteConfidence,
  /** What the analyst based it on (open sources, informants, case files), in words. */
  sources: Text(1000).optional(),
  seizureIds: z.array(Uuid).max(1000).default([]),
  observedFrom: IsoDate.optional(),
  observedTo: IsoDate.optional(),
});

/** RouteObserved v1: origin, transit and destination as separate fields; no service ever published it, the upcaster reads it still. */
export const RouteObservedV1 = z.object({
  routeId: Uuid,
  origin: CountryCode,
  transit: z.array(CountryCode).max(20).default([]),
  destination: CountryCode,
  modus: Text(500).optional(),
  seizureIds: z.array(Uuid).max(1000).default([]),
  observedFrom: IsoDate.optional(),
  observedTo: IsoDate.optional(),
});
