import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  createUnsignedEnvelope,
  ErrorCodes,
  newEventId,
  newId,
  normaliseSerial,
  subjectFor,
  type EventDataInputOf,
  type EventType,
  type SignedEnvelope,
} from '@tracebridge/contracts';
import { loadOrCreateDevKeys, signEvent, type AgencyKeys } from '@tracebridge/identity';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, connectOperator, deadLetters } from '../support/bus';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

// Security review finding 4 (issue 6): a partner holding a valid key publishes
// straight to JetStream, past its own agency service and its deciders. The
// liaison hub must refuse any event about a record its signer did not originate.

let net: TestNetwork;
let keys: Map<string, AgencyKeys>;
const connections = new Map<string, NatsConnection>();
interface Reported {
  id: string;
  itemId: string;
}
let red: Reported;
let amber: Reported;

const SEIZURE =
  'seizure(id: $id) { id originator { id } occurredAt location { country place } handling { tlp } items { id manufacturer serialNumber } dispositions { itemId disposition method } }';
const readSeizure = async (id: string, as = 'GH-CUSTOMS') => {
  const r = await gql<{ seizure: { dispositions: { disposition: string; method: string | null }[] } | null }>(net.url, net.tokens[as], `query($id: ID!) { ${SEIZURE} }`, { id });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.seizure!;
};

const reportAsCustoms = async (tlp: string, serialNumber: string): Promise<Reported> => {
  const r = await gql<{ reportCustomsSeizure: { seizure: { id: string; items: { id: string }[] } } }>(
    net.url,
    net.tokens['GH-CUSTOMS'],
    'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id items { id } } } }',
    {
      i: {
        clientReference: randomUUID(),
        occurredAt: '2026-11-20T09:30:00Z',
        location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
        items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber }],
        handling: { tlp },
      },
    },
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  const { seizure } = r.data!.reportCustomsSeizure;
  return { id: seizure.id, itemId: seizure.items[0]!.id };
};

/** Sign as `agency` with its real event key and publish on its own subject, as the relay would. */
const publishAs = async <T extends EventType>(agency: string, type: T, streamId: string, data: EventDataInputOf<T>): Promise<SignedEnvelope> => {
  const k = keys.get(agency)!;
  const unsigned = createUnsignedEnvelope({
    type,
    streamId,
    data,
    id: newEventId(),
    originator: { state: k.agency.state, agency },
    handling: { tlp: 'GREEN' },
    occurredAt: '2026-11-21T08:00:00Z',
    recordedAt: new Date().toISOString(),
  });
  const signed = await signEvent(unsigned, k.eventKey);
  let nc = connections.get(agency);
  if (!nc) connections.set(agency, (nc = await connectAs(net, agency)));
  await jetstream(nc).publish(subjectFor(agency, type), JSON.stringify(signed), { msgID: signed.id });
  return signed;
};

const destroyed = (seizureId: string, itemId: string) => ({ seizureId, itemId, disposition: 'DESTROYED' as const, date: '2026-11-21', method: 'smelting' });

/** Waits until the hub has dead-lettered `event`, then returns the code it gave. */
const deadLetterCode = async (event: SignedEnvelope): Promise<string> => {
  // Reading the dead-letter stream is the operator's: no agency identity may.
  let nc = connections.get('operator');
  if (!nc) connections.set('operator', (nc = await connectOperator(net)));
  let code: string | undefined;
  await until(
    async () => {
      code = (await deadLetters(nc)).find((d) => d.eventId === event.id && d.subject === 'tb.dlq.liaison')?.code;
      return code !== undefined;
    },
    30_000,
    `event ${event.id} to be dead-lettered`,
  );
  return code!;
};

const markedInInbox = (event: SignedEnvelope): boolean => {
  const db = new Database(join(net.dir.path, 'liaison.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT 1 FROM inbox WHERE event_id = ?').get(event.id) !== undefined;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  net = await startTestNetwork('tb-foreign-');
  keys = new Map((await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'))).map((k) => [k.agency.id, k]));
  red = await reportAsCustoms('RED', `RED-${Date.now()}`);
  amber = await reportAsCustoms('AMBER', `AMB-${Date.now()}`);
}, 120_000);

afterAll(async () => {
  for (const nc of connections.values()) await nc.close();
  await net?.close();
});

describe("a partner's validly signed events about another agency's records", () => {
  it('dead-letters a disposition by TG-POLICE of GH-CUSTOMS seizures; the dispositions stay empty', async () => {
    const forged = [
      await publishAs('TG-POLICE', 'DispositionRecorded', `seizure-${red.id}`, destroyed(red.id, red.itemId)),
      await publishAs('TG-POLICE', 'DispositionRecorded', `seizure-${amber.id}`, destroyed(amber.id, amber.itemId)),
    ];
    for (const e of forged) {
      expect(await deadLetterCode(e)).toBe(ErrorCodes.NOT_RECORD_ORIGINATOR);
      expect(markedInInbox(e)).toBe(false);
    }
    expect((await readSeizure(red.id)).dispositions).toEqual([]);
    expect((await readSeizure(amber.id)).dispositions).toEqual([]);
  });

  it('dead-letters a TG-POLICE report reusing the RED seizure id: no items indexed, the original row unchanged', async () => {
    const before = await readSeizure(red.id);
    const serial = `HIJACK-${Date.now()}`;
    const item = { itemId: newId(), kind: 'WEAPON' as const, manufacturer: 'Glock', serial: { asRead: serial, normalised: normaliseSerial(serial) } };
    const reuse = await publishAs('TG-POLICE', 'SeizureReported', `seizure-${red.id}`, {
      seizureId: red.id,
      location: { country: 'TG', place: 'Lomé', kind: 'INLAND' },
      details: { form: 'POLICE' },
      items: [item],
    });
    // The same id as a stockpile loss would land in the same items index.
    const asLoss = await publishAs('TG-POLICE', 'StockpileLossReported', `stockpile-${red.id}`, {
      lossId: red.id,
      kind: 'THEFT',
      facility: 'Armoury',
      country: 'TG',
      discoveredAt: '2026-11-01T07:00:00Z',
      items: [{ ...item, itemId: newId() }],
    });
    for (const e of [reuse, asLoss]) {
      expect(await deadLetterCode(e)).toBe(ErrorCodes.NOT_RECORD_ORIGINATOR);
      expect(markedInInbox(e)).toBe(false);
    }
    const hits = await gql<{ serialCheck: { holder: { id: string }; recordId: string | null }[] }>(
      net.url,
      net.tokens['TG-POLICE'],
      'query($s: String!) { serialCheck(manufacturer: "Glock", serialNumber: $s) { holder { id } recordId } }',
      {
        s: serial,
      },
    );
    expect(hits.errors).toBeUndefined();
    expect(hits.data!.serialCheck).toEqual([]);
    expect(await readSeizure(red.id)).toEqual(before);
  });

  it('dead-letters an event whose stream id is not its record’s, even from the originator', async () => {
    const misfiled = await publishAs('GH-CUSTOMS', 'DispositionRecorded', `seizure-${red.id}`, destroyed(amber.id, amber.itemId));
    expect(await deadLetterCode(misfiled)).toBe(ErrorCodes.STREAM_MISMATCH);
    expect(markedInInbox(misfiled)).toBe(false);
  });

  it('applies the originator’s own, matching disposition, and the consumer has carried on past every rejection', async () => {
    const own = await publishAs('GH-CUSTOMS', 'DispositionRecorded', `seizure-${amber.id}`, destroyed(amber.id, amber.itemId));
    await until(async () => (await readSeizure(amber.id)).dispositions.length > 0, 30_000, 'the disposition to be projected');
    expect((await readSeizure(amber.id)).dispositions).toEqual([{ itemId: amber.itemId, disposition: 'DESTROYED', method: 'smelting' }]);
    expect((await readSeizure(red.id)).dispositions).toEqual([]);
    expect(markedInInbox(own)).toBe(true);
  });
});

describe('a partner cannot stall the hub for everyone', () => {
  it('quarantines at once dispositions of seizures the hub does not hold, so a flood of them does not hold up other agencies’ events', async () => {
    const flood: SignedEnvelope[] = [];
    for (let i = 0; i < 1100; i++) {
      const made = newId();
      flood.push(await publishAs('TG-POLICE', 'DispositionRecorded', `seizure-${made}`, destroyed(made, newId())));
    }
    // Reported after the flood: with retries, 1,100 of them filled the consumer's window of 1,000 and held everyone's events for over a minute.
    // Straight to the customs service: the gateway's read-your-writes wait is not what is measured here.
    const reported = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(
      `http://127.0.0.1:${net.network.ports.customs}/graphql`,
      net.tokens['GH-CUSTOMS'],
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }',
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: '2026-11-20T09:30:00Z',
          location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
          items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: `AFTER-FLOOD-${Date.now()}` }],
          handling: { tlp: 'GREEN' },
        },
      },
    );
    const after = reported.data!.reportCustomsSeizure.seizure;
    await until(
      async () =>
        (await gql<{ seizure: { id: string } | null }>(net.url, net.tokens['GH-POLICE'], 'query($id: ID!) { seizure(id: $id) { id } }', { id: after.id })).data?.seizure?.id ===
        after.id,
      20_000,
      'the report after the flood to reach the hub',
    );
    expect(await deadLetterCode(flood.at(-1)!)).toBe(ErrorCodes.RECORD_NOT_FOUND);
    expect(markedInInbox(flood[0]!)).toBe(false);
  });
});
