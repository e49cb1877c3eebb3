import { ErrorCodes, type EventDataInputOf, type Handling } from '@tracebridge/contracts';
import type { z } from 'zod';
import type { Command, DecidedEvent, Decider } from './decider';
import { DomainError } from './errors';
import { toItem, type ItemInput, type SeizureCommandMetadata } from './seizure';

export type ReportStockpileLoss = Command<
  'ReportStockpileLoss',
  Omit<EventDataInputOf<'StockpileLossReported'>, 'items'> & { handling: z.input<typeof Handling>; items: ItemInput[] }
> & {
  metadata: SeizureCommandMetadata;
};

export type StockpileLossEvent = DecidedEvent<'StockpileLossReported', EventDataInputOf<'StockpileLossReported'>, z.input<typeof Handling>>;

export interface StockpileLossState {
  reported: boolean;
}

/**
 * Losses and thefts from state stockpiles (PoA II.17), reported by police;
 * seizures are matched against them. A loss is reported by a state agency
 * about its own state's stockpile.
 */
export const stockpileLossDecider: Decider<ReportStockpileLoss, StockpileLossEvent, StockpileLossState> = {
  initialState: () => ({ reported: false }),
  decide(command, state) {
    if (state.reported) throw new DomainError(ErrorCodes.STOCKPILE_LOSS_ALREADY_REPORTED, 'this loss is already reported', ['lossId']);
    const { actor } = command.metadata;
    if (actor.kind !== 'POLICE') throw new DomainError(ErrorCodes.WRONG_AGENCY_KIND, 'stockpile losses are reported by police', []);
    const { handling, items, ...data } = command.data;
    if (data.country !== actor.state) {
      throw new DomainError(ErrorCodes.BAD_USER_INPUT, 'an agency reports losses from its own state’s stockpiles', ['country']);
    }
    return [
      {
        type: 'StockpileLossReported',
        data: { ...data, items: items.map(toItem) },
        occurredAt: data.discoveredAt,
        handling,
        originator: { agency: actor.agency, state: actor.state },
      },
    ];
  },
  evolve: () => ({ reported: true }),
};
