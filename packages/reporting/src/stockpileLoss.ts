import type { ServiceRpc } from '@tracebridge/bus';
import { CountryCode, decodeEvent, ErrorCodes, IsoDateTime, newId, ValidationError, zodIssuesToPaths, type EventOf, type SignedEnvelope } from '@tracebridge/contracts';
import { DomainError, hitWarnings, markingWarnings, stockpileLossDecider, type ReportStockpileLoss, type WarningDto } from '@tracebridge/domain';
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
    "Your own reference for this report, 1 to 100 characters (e.g. a UUID your form or importer generates); reporting again with it returns the original record, never a second one (safe retries)."
    clientReference: String!
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

  "The answer to a stockpile loss report, once your agency has stored it: its id, whether the shared view has it, matches already in the network (a lost weapon seized elsewhere), warnings."
  type StockpileLossReport {
    "The loss record's id (the same again for a retry with the same clientReference)."
    lossId: ID!
    "CURRENT when the liaison hub answered for this report (hits are complete); PENDING when it did not answer in time. The report is stored either way."
    sharedView: SharedView!
    "Seizures and losses in the network that match the lost serials (empty while sharedView is PENDING)."
    hits: [Hit!]!
    "Marking warnings (checked by your agency's service, always) and hit warnings (HIT_CHECK_UNAVAILABLE while sharedView is PENDING)."
    warnings: [Warning!]!
  }

  extend type Mutation {
    "Report a loss or theft from your state's stockpiles (police only); seizures are matched against it from now on."
    reportStockpileLoss(input: StockpileLossInput!): StockpileLossReport!
  }
`;

const StockpileLossInput = z.object({
  clientReference: z.string().trim().min(1).max(100),
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

/** A loss or theft from a stockpile (PoA II.17): decided, signed and stored; a retry with the same clientReference answers with the original. */
export async function reportStockpileLoss(rpc: ServiceRpc, agency: LossAgency, rawInput: unknown, ctx: RequestContext, now: string) {
  const parsed = StockpileLossInput.safeParse(withoutNulls(rawInput));
  if (!parsed.success) throw new ValidationError(ErrorCodes.BAD_USER_INPUT, 'invalid stockpile loss', zodIssuesToPaths(parsed.error, ['input']));
  const { clientReference, handling, items, ...rest } = parsed.data;
  const lossId = await agency.keyedIds.recordId('stockpile', clientReference);
  const streamId = `stockpile-${lossId}`;
  const answer = (stored: () => Loss) => answerStoredLoss(rpc, lossId, stored, ctx);

  const [existing] = await agency.store.readStream(streamId, { maxCount: 1 });
  if (existing) return answer(() => decodeEvent(recordedToEnvelope(existing)) as Loss);

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
  let signed: SignedEnvelope;
  try {
    [signed] = (await handleCommand(agency.store, stockpileLossDecider, streamId, command, { signingKey: agency.eventKey, recordedAt: now })) as [SignedEnvelope];
  } catch (err) {
    // The same clientReference raced in twice: the first one won; answer with it.
    if (!(err instanceof DomainError && err.code === ErrorCodes.STOCKPILE_LOSS_ALREADY_REPORTED)) throw inInput(err);
    const [first] = await agency.store.readStream(streamId, { maxCount: 1 });
    return answer(() => decodeEvent(recordedToEnvelope(first!)) as Loss);
  }
  return answer(() => decodeEvent(signed) as Loss);
}

type Loss = EventOf<'StockpileLossReported'>;

/** The answer to a stored loss: marking warnings (local) always, the hub's hits when it answers in time; nothing here fails the report (see answerStored in reportSeizure.ts). */
async function answerStoredLoss(rpc: ServiceRpc, lossId: string, stored: () => Loss, ctx: RequestContext) {
  let local: WarningDto[] = [];
  let checked: Awaited<ReturnType<typeof requestSerialCheck>>;
  try {
    const event = stored();
    local = markingWarnings(event.data.items);
    checked = await requestSerialCheck(rpc, ctx.officer, event.data.items, {
      recordId: lossId,
      family: 'STOCKPILE_LOSS',
      handling: { tlp: event.handling.tlp, releasableTo: event.handling.releasableTo },
    });
  } catch (err) {
    rpc.logger?.error({ err, lossId }, 'a stored stockpile loss could not be checked; answered as pending');
  }
  return { lossId, sharedView: checked ? 'CURRENT' : 'PENDING', hits: checked?.hits ?? [], warnings: [...local, ...hitWarnings(checked?.hits)] };
}
