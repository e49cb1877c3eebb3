import { decodeEvent } from '@tracebridge/contracts';
import { seizureDecider, type RecordDisposition, type ReportSeizure } from '@tracebridge/domain';
import { recordedToEnvelope, WrongExpectedRevisionError } from '@tracebridge/eventstore';
import { generateDevKeys, verifyEventSignature, createTrustRegistry, devAgencyRecords, type AgencyKeys } from '@tracebridge/identity';
import { tempSqliteStore } from '@tracebridge/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handleCommand, type HandleCommandOptions } from './commandHandler';

const seizureId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a60';
const itemId = '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a61';
const now = '2026-11-20T12:00:00.000Z';
const actor = { agency: 'GH-CUSTOMS', state: 'GH', kind: 'CUSTOMS' as const };
const report: ReportSeizure = {
  type: 'ReportSeizure',
  metadata: { now, actor },
  data: {
    seizureId,
    occurredAt: '2026-11-20T09:30:00Z',
    handling: { tlp: 'AMBER' },
    location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
    details: { form: 'CUSTOMS' },
    items: [{ itemId, kind: 'WEAPON', manufacturer: 'Glock', serialNumber: 'X-1' }],
  },
};
const retain: RecordDisposition = { type: 'RecordDisposition', metadata: { now, actor }, data: { seizureId, itemId, disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-20' } };

let keys: AgencyKeys;
let registry: ReturnType<typeof createTrustRegistry>;
const stores: { close: () => Promise<void> }[] = [];
beforeAll(async () => {
  const all = await generateDevKeys();
  keys = all.find((k) => k.agency.id === 'GH-CUSTOMS')!;
  registry = createTrustRegistry(devAgencyRecords(all));
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
const store = () => {
  const s = tempSqliteStore();
  stores.push(s);
  return s;
};
const opts = () => ({ signingKey: keys.eventKey, recordedAt: now });

describe('the command pipeline over the event store port', () => {
  it('decides against the stream as stored, signs with the originator from the decider, and appends', async () => {
    const s = store();
    const [reported] = await handleCommand(s, seizureDecider, `seizure-${seizureId}`, report, opts());
    expect(reported).toMatchObject({ type: 'SeizureReported', streamId: `seizure-${seizureId}`, originator: { agency: 'GH-CUSTOMS', state: 'GH' }, handling: { tlp: 'AMBER' } });
    await verifyEventSignature(reported!, registry);
    // The "already reported" rule runs now: the state is read from the stream, not assumed empty.
    await expect(handleCommand(s, seizureDecider, `seizure-${seizureId}`, report, opts())).rejects.toMatchObject({ code: 'TB_ERR_SEIZURE_ALREADY_REPORTED' });
    const stored = await s.readStream(`seizure-${seizureId}`);
    expect(stored.map((r) => decodeEvent(recordedToEnvelope(r)).type)).toEqual(['SeizureReported']);
  });

  it('decides again after a concurrent write: two identical dispositions at once make one event and one refusal', async () => {
    const s = store();
    await handleCommand(s, seizureDecider, `seizure-${seizureId}`, report, opts());
    // Count the conflicts the handler meets, so the test proves it decided again rather than never racing.
    let conflicts = 0;
    const append = s.appendToStream.bind(s);
    s.appendToStream = async (...args: Parameters<typeof append>) => {
      try {
        return await append(...args);
      } catch (err) {
        if (err instanceof WrongExpectedRevisionError) conflicts += 1;
        throw err;
      }
    };
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => handleCommand(s, seizureDecider, `seizure-${seizureId}`, retain, opts())));
    expect(conflicts).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'TB_ERR_DISPOSITION_UNCHANGED' });
    expect((await s.readStream(`seizure-${seizureId}`)).map((r) => r.type)).toEqual(['SeizureReported', 'DispositionRecorded']);
  });

  it('writes nothing when the decider refuses, and calls the append it is given only for an accepted command', async () => {
    const s = store();
    let appends = 0;
    const append: NonNullable<HandleCommandOptions['append']> = (streamId, events, options) => {
      appends += 1;
      return s.appendToStream(streamId, events, options);
    };
    await expect(handleCommand(s, seizureDecider, `seizure-${seizureId}`, retain, { ...opts(), append })).rejects.toMatchObject({
      code: 'TB_ERR_SEIZURE_NOT_FOUND',
    });
    expect(appends).toBe(0);
    expect(await s.readStream(`seizure-${seizureId}`)).toEqual([]);
    await handleCommand(s, seizureDecider, `seizure-${seizureId}`, report, { ...opts(), append });
    expect(appends).toBe(1);
    expect((await s.readStream(`seizure-${seizureId}`)).map((r) => r.type)).toEqual(['SeizureReported']);
  });
});
