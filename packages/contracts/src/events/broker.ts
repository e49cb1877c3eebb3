import { z } from 'zod';
import { CountryCode, IsoDate, Text, Uuid } from '../primitives';

/** Brokering control (PoA II.14, IV.1(d)). */
export const BrokerActivity = z.enum(['BROKERING', 'TRANSPORT', 'FINANCING']);

export const BrokerRegistered = z.object({
  brokerId: Uuid,
  name: Text(200),
  nationality: CountryCode.optional(),
  residence: CountryCode.optional(),
  registrationState: CountryCode,
  registrationExpiry: IsoDate.optional(),
  conditions: Text(1000).optional(),
  activityTypes: z.array(BrokerActivity).min(1).max(3),
});

export const BrokerTransaction = z.object({
  quantity: z.number().int().min(1).max(10_000_000),
  modelOrType: Text(200),
  exportingState: CountryCode,
  importingState: CountryCode,
  transitStates: z.array(CountryCode).max(20).default([]),
  endUser: Text(300),
});

/** A licence per transaction. */
export const BrokerLicenceGranted = z.object({
  brokerId: Uuid,
  licenceId: Uuid,
  licenceNumber: Text(100),
  transaction: BrokerTransaction,
  validUntil: IsoDate.optional(),
});

export const BrokerLicenceRevoked = z.object({
  brokerId: Uuid,
  /** Without a licence id the broker's registration itself is revoked. */
  licenceId: Uuid.optional(),
  reason: Text(500),
});

export const BrokerActivityFlagged = z.object({
  brokerId: Uuid,
  reason: Text(500),
  seizureId: Uuid.optional(),
});
