import { z } from 'zod';
import { WeaponCategory } from '../items';
import { CountryCode, IsoDateTime, Text, Uuid } from '../primitives';

/**
 * The broker registry (PoA II.14, IV.1(d); ADR 12). A broker is a record of
 * the national brokering licensing authority that registered it, on stream
 * `broker-<brokerId>` of that authority's store; every act on it (licences,
 * suspension, revocation, flags) is an event of that authority, signed by it.
 *
 * These schemas replace the v1 shapes the contracts first sketched: no
 * service ever published those, so nothing stored needs an upcaster.
 */
export const brokerStreamId = (brokerId: string): string => `broker-${brokerId}`;

export const BrokerActivity = z.enum(['BROKERING', 'TRANSPORT', 'FINANCING']);
export type BrokerActivity = z.infer<typeof BrokerActivity>;

/** The activity types a registration covers, each once. */
export const BrokerActivities = z
  .array(BrokerActivity)
  .min(1)
  .max(BrokerActivity.options.length)
  .refine((a) => new Set(a).size === a.length, { message: 'each activity is named once' });

/** A broker as its authority registers it. The registration state is the authority's own (the event's originator). */
export const BrokerRegistered = z.object({
  brokerId: Uuid,
  name: Text(200),
  /** The registration number the authority gave it. */
  registrationNumber: Text(100),
  nationality: CountryCode.optional(),
  /** Country of residence or establishment. */
  residence: CountryCode.optional(),
  activities: BrokerActivities,
  /** The registration lapses at this instant (not included). */
  validUntil: IsoDateTime,
  conditions: Text(1000).optional(),
});

/** What a brokering licence authorises: one transaction (PoA II.14). */
export const brokeringLicenceShape = {
  /** How many weapons. */
  quantity: z.number().int().min(1).max(10_000_000),
  category: WeaponCategory,
  exportingState: CountryCode,
  importingState: CountryCode,
  /** The states the goods may cross, each once. */
  transitStates: z
    .array(CountryCode)
    .max(20)
    .refine((t) => new Set(t).size === t.length, { message: 'each transit state is named once' }),
  /** The end user as the end-user certificate names it. */
  endUser: Text(300),
  /** The licence lapses at this instant (not included). */
  validUntil: IsoDateTime,
};

export const BrokerLicenceGranted = z.object({ brokerId: Uuid, licenceId: Uuid, ...brokeringLicenceShape });

/** The authority suspends the broker's registration: no licence is granted while it stands. */
export const BrokerSuspended = z.object({ brokerId: Uuid, reason: Text(500) });

/** The authority revokes the broker's registration, for good. */
export const BrokerRevoked = z.object({ brokerId: Uuid, reason: Text(500) });

/** The authority notes suspicious activity of the broker, optionally naming the seizure it was seen in. */
export const BrokerActivityFlagged = z.object({ brokerId: Uuid, flagId: Uuid, reason: Text(500), seizureId: Uuid.optional() });

/** A licence or flag list may hold at most this many entries: each report check reads a matched broker whole. */
export const BROKER_LIST_LIMIT = 200;
