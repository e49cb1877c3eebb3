import { z } from 'zod';
import { BrokerActivityFlagged, BrokerLicenceGranted, BrokerRegistered, BrokerRevoked, BrokerSuspended } from './events/broker';
import { Handling } from './handling';

/**
 * What the hub sends a licensing authority's service to decide for its
 * officer (ADR 12): the command only. The service decides on its own
 * `broker-<id>` stream (the authority's own record), so no state travels;
 * the hub checks the signed event again when it arrives.
 */
export const BrokerCommandBody = z.discriminatedUnion('type', [
  /** Handling as the authority sets it; GREEN by default (registers are meant to be consulted across borders). */
  z.object({ type: z.literal('RegisterBroker'), data: BrokerRegistered.extend({ handling: Handling }) }),
  z.object({ type: z.literal('GrantBrokeringLicence'), data: BrokerLicenceGranted }),
  z.object({ type: z.literal('SuspendBroker'), data: BrokerSuspended }),
  z.object({ type: z.literal('RevokeBroker'), data: BrokerRevoked }),
  z.object({ type: z.literal('FlagBrokerActivity'), data: BrokerActivityFlagged }),
]);
export type BrokerCommandBody = z.input<typeof BrokerCommandBody>;

export const BrokerCommandRequest = z.object({ command: BrokerCommandBody });
export type BrokerCommandRequest = z.input<typeof BrokerCommandRequest>;
