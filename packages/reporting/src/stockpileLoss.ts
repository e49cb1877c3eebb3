import type { ServiceRpc } from '@tracebridge/bus';
import { CountryCode, decodeEvent, ErrorCodes, IsoDateTime, newId, ValidationError, zodIssuesToPaths, type EventOf } from '@tracebridge/contracts';
import { DomainError, hitWarnings, markingWarnings, stockpileLossDecider, type ReportStockpileLoss } from '@tracebridge/domain';
import { recordedToEnvelope, type EventStore } from '@tracebridge/eventstore';
import type { SigningKey } from '@tracebridge/identity';
import { handleCommand, inInput } from './commandHandler';
import type { RequestContext } from '@tracebridge/server';
import { z } from 'zod';
import type { KeyedIds } from './keyedIds';
import { SharedSeizureInput, withoutNulls } from './reportInput';
import { requestSerialCheck } from './rpc';
import type { ReportingKind } from './agencyKinds';

/** Losses and thefts from state stockpiles (PoA II.17): police only. */
export const stockpileLossSdl = /* GraphQL */ `
  "LOSS or THEFT."
  enum LossKind { LOSS THEFT }

  "A loss or theft from a state stockpile (PoA II.17)."
  input StockpileLossInput {
    "Your own reference; reporting again with it returns the original record."
    clientReference: String
    "LOSS or THEFT."
    kind: LossKind!
    "The armoury, depot or unit."
    facility: String!
    "Your state, ISO 3166-1 alpha-2."
    country: String!
    "When the loss was discovered."
    discoveredAt: DateTime!
    "What is known of how it happened."
    circumstances: String
    "The items lost."
    items: [ItemInput!]!
    "Who may see it."
    handling: HandlingInput!
  }

  "The answer to a stockpile loss report: its id, matches already in the network (a lost weapon seized elsewhere), warnings."
  type StockpileLossReport {
    "The loss record's id."
    lossId: ID!
    "Seizures and losses in the network that match the lost serials."
    hits: [Hit!]!
    "Marking and hit warnings."
    warnings: [Warning!]!
  }

  extend type Mutation {
    "Report a loss or theft from your state's stockpiles (police only); seizures are matched against it from now on."
    reportStockpileLoss(input: StockpileLossInput!): StockpileLossReport!
  }
`;

const StockpileLossInput = z.object({
  clientReference: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(['LOSS', 'THEFT']),
  facility: z.string().trim().min(1).max(200),
  country: CountryCode,
  discoveredAt: IsoDateTime,
  circumstances: z.string().trim().min(1).max(1000).optional(),
  items: SharedSeizureInput.shape.items,
  handling: SharedSeizureInput.shape.handling,
});

export interface LossAgency {
  id: string;
  state: string;
  kind: ReportingKind;
  eventKey: SigningKey;
  keyedIds: KeyedIds;
  store: EventStore;
}

export async function reportStockpileLoss(rpc: ServiceRpc, agency: LossAgency, rawInput: unknown, ctx: RequestContext, now: string) {
  const parsed = StockpileLossInput.safeParse(withoutNulls(rawInput));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid stockpile loss', zodIssuesToPaths(parsed.error, ['input']));
  const { clientReference, handling, items, ...rest } = parsed.data;
  const lossId = clientReference ? await agency.keyedIds.recordId('stockpile', clientReference) : newId();
  const streamId = `stockpile-${lossId}`;

  const answer = async (event: EventOf<'StockpileLossReported'>) => {
    const checked = await requestSerialCheck(rpc, ctx.officer, event.data.items, {
      recordId: lossId,
      family: 'STOCKPILE_LOSS',
      handling: { tlp: event.handling.tlp, releasableTo: event.handling.releasableTo },
    });
    return { lossId, hits: checked?.hits ?? [], warnings: [...markingWarnings(event.data.items), ...hitWarnings(checked?.hits)] };
  };

  const existing = await agency.store.readStream(streamId, { maxCount: 1 });
  if (existing[0]) return answer(decodeEvent(recordedToEnvelope(existing[0])) as EventOf<'StockpileLossReported'>);

  const command: ReportStockpileLoss = {
    type: 'ReportStockpileLoss',
    metadata: { now, actor: { agency: agency.id, state: agency.state, kind: agency.kind } },
    data: {
      ...rest,
      lossId,
      handling,
      items: items.map((i) => {
        const { importMarking, ...item } = i;
        return { ...item, itemId: newId(), ...(importMarking ? { importMarking: { text: importMarking } } : {}) };
      }),
    },
  };
  try {
    const [signed] = await handleCommand(agency.store, stockpileLossDecider, streamId, command, { signingKey: agency.eventKey, recordedAt: now });
    return await answer(decodeEvent(signed!) as EventOf<'StockpileLossReported'>);
  } catch (err) {
    // The same clientReference raced in twice: the first one won; answer with it.
    if (!(err instanceof DomainError && err.code === ErrorCodes.STOCKPILE_LOSS_ALREADY_REPORTED)) throw inInput(err);
    const [first] = await agency.store.readStream(streamId, { maxCount: 1 });
    return answer(decodeEvent(recordedToEnvelope(first!)) as EventOf<'StockpileLossReported'>);
  }
}
