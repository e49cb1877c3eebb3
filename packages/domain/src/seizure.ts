import { ErrorCodes, isoMillis, normaliseSerial, type Disposition, type EventDataInputOf, type Handling, type Item, type SeizureReported } from '@tracebridge/contracts';
import type { z } from 'zod';
import type { Command, CommandMetadata, DecidedEvent, Decider, Originator } from './decider';
import { DomainError } from './errors';

type HandlingInput = z.input<typeof Handling>;
type ReportInput = EventDataInputOf<'SeizureReported'>;
/** An item as an officer enters it: the serial as read; the decider adds the normalised form. */
export type ItemInput = Omit<z.input<typeof Item>, 'serial'> & { serialNumber?: string };

/** The reporting officer's agency kind: each uses its own form, all share this core. */
export type AgencyKind = 'CUSTOMS' | 'POLICE' | 'BORDER' | 'LIAISON';

export interface SeizureCommandMetadata extends CommandMetadata {
  actor: CommandMetadata['actor'] & { kind: AgencyKind };
}

export type ReportSeizure = Command<'ReportSeizure', Omit<ReportInput, 'items'> & { occurredAt: string; handling: HandlingInput; items: ItemInput[] }> & {
  metadata: SeizureCommandMetadata;
};

export type AmendSeizure = Command<'AmendSeizure', EventDataInputOf<'SeizureAmended'>> & { metadata: SeizureCommandMetadata };

export type RecordDisposition = Command<'RecordDisposition', EventDataInputOf<'DispositionRecorded'>> & { metadata: SeizureCommandMetadata };

export type SeizureCommand = ReportSeizure | AmendSeizure | RecordDisposition;

/** What the seizure decider emits (and reads back from the stream). */
export type SeizureEvent =
  | DecidedEvent<'SeizureReported', ReportInput, HandlingInput>
  | DecidedEvent<'SeizureAmended', EventDataInputOf<'SeizureAmended'>, HandlingInput>
  | DecidedEvent<'DispositionRecorded', EventDataInputOf<'DispositionRecorded'>, HandlingInput>;

export interface SeizureState {
  status: 'none' | 'reported';
  seizureId?: string;
  originator?: Originator;
  handling?: HandlingInput;
  /** itemId → last disposition, undefined while none is recorded. */
  items: Map<string, Disposition | undefined>;
}

/** Officers' clocks drift; a report a few minutes "in the future" is a clock, not a lie. */
const CLOCK_SKEW_MS = 5 * 60_000;

const formOf = (details: ReportInput['details']): AgencyKind => details.form;

export function toItem(input: ItemInput): z.input<typeof Item> {
  const { serialNumber, ...rest } = input;
  const asRead = serialNumber?.trim();
  return asRead ? { ...rest, serial: { asRead, normalised: normaliseSerial(asRead) } } : rest;
}

function requireOriginator(state: SeizureState, meta: SeizureCommandMetadata): asserts state is SeizureState & { status: 'reported' } {
  if (state.status !== 'reported') throw new DomainError(ErrorCodes.SEIZURE_NOT_FOUND, 'no such seizure', ['seizureId']);
  if (state.originator?.agency !== meta.actor.agency) {
    // Only the originator writes its records (domain.md, lesson 6); partners add their own events.
    throw new DomainError(ErrorCodes.NOT_ORIGINATOR, 'only the originating agency may change this seizure', ['seizureId']);
  }
}

function notInFuture(when: string, now: string, path: string[]): void {
  if (isoMillis(when) > isoMillis(now) + CLOCK_SKEW_MS) throw new DomainError(ErrorCodes.OCCURRED_IN_FUTURE, 'lies in the future', path);
}

export const seizureDecider: Decider<SeizureCommand, SeizureEvent, SeizureState> = {
  initialState: () => ({ status: 'none', items: new Map() }),

  decide(command, state) {
    const meta = command.metadata;
    switch (command.type) {
      case 'ReportSeizure': {
        if (state.status !== 'none') throw new DomainError(ErrorCodes.SEIZURE_ALREADY_REPORTED, 'this seizure is already reported', ['seizureId']);
        const { occurredAt, handling, items, ...rest } = command.data;
        if (formOf(rest.details) !== meta.actor.kind) {
          throw new DomainError(ErrorCodes.WRONG_AGENCY_KIND, `a ${meta.actor.kind} officer cannot use the ${formOf(rest.details)} form`, ['details']);
        }
        notInFuture(occurredAt, meta.now, ['occurredAt']);
        return [{ type: 'SeizureReported', occurredAt, handling, originator: { agency: meta.actor.agency, state: meta.actor.state }, data: { ...rest, items: items.map(toItem) } }];
      }
      case 'AmendSeizure': {
        requireOriginator(state, meta);
        return [{ type: 'SeizureAmended', occurredAt: meta.now, handling: state.handling!, originator: state.originator!, data: command.data }];
      }
      case 'RecordDisposition': {
        requireOriginator(state, meta);
        const { itemId, disposition, date } = command.data;
        if (!state.items.has(itemId)) throw new DomainError(ErrorCodes.ITEM_NOT_FOUND, 'no such item in this seizure', ['itemId']);
        const current = state.items.get(itemId);
        // Destruction is final (PoA II.16); anything else may move on, but not to where it already is.
        if (current === 'DESTROYED') throw new DomainError(ErrorCodes.ITEM_ALREADY_DESTROYED, 'this item is already destroyed', ['itemId']);
        if (current === disposition) throw new DomainError(ErrorCodes.DISPOSITION_UNCHANGED, `this item is already ${disposition}`, ['disposition']);
        notInFuture(`${date}T00:00:00Z`, meta.now, ['date']);
        return [{ type: 'DispositionRecorded', occurredAt: meta.now, handling: state.handling!, originator: state.originator!, data: command.data }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SeizureReported':
        return {
          status: 'reported',
          seizureId: event.data.seizureId,
          handling: event.handling,
          originator: event.originator,
          items: new Map(event.data.items.map((i) => [i.itemId, undefined])),
        };
      case 'SeizureAmended': {
        const items = new Map(state.items);
        for (const i of event.data.addedItems ?? []) items.set(i.itemId, undefined);
        return { ...state, items };
      }
      case 'DispositionRecorded': {
        const items = new Map(state.items);
        items.set(event.data.itemId, event.data.disposition);
        return { ...state, items };
      }
    }
  },
};

export type { SeizureReported };
