import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { connectBus, ensureStreams, EVENTS_STREAM, ORIGIN_POSITION_HEADER, ORIGIN_PREVIOUS_HEADER, startConsumer, type Consumer, type NatsConnection } from '@tracebridge/bus';
import { createUnsignedEnvelope, subjectFor, type SignedEnvelope } from '@tracebridge/contracts';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, signEvent, type AgencyKeys, type TrustRegistry } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizure, startNatsServer, tempDir, type NatsServer } from '@tracebridge/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../support/processes';
import { createHubPolicy, LiaisonProjection } from '@tracebridge/hub';

/**
 * Issue 10, items 1 and 7, on the hub's real consumer and read model over a
 * real nats-server: an event whose signer the registry held does not know
 * yet is applied once the registry is refreshed, not dead-lettered; an event
 * that arrives before the one it follows is held until it arrives; dead
 * letters are listed and replayed with the operator's command.
 */
let nats: NatsServer;
let nc: NatsConnection;
let keys: AgencyKeys[];
const dir = tempDir('tb-consumer-faults-');
const repoRoot = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  nats = await startNatsServer({ name: 'consumer-faults' });
  nc = await connectBus(nats.url, 'consumer-faults');
  keys = await generateDevKeys();
});
afterAll(async () => {
  await nc.close();
  await nats.dispose();
  dir.remove();
});
beforeEach(async () => {
  await (await jetstreamManager(nc)).streams.delete(EVENTS_STREAM).catch(() => undefined);
  await ensureStreams(nc);
});

let running: { consumer: Consumer; projection: LiaisonProjection } | undefined;
afterEach(async () => {
  await running?.consumer.stop();
  running?.projection.db.close();
  running = undefined;
});

const key = (agency: string): AgencyKeys => keys.find((k) => k.agency.id === agency)!;
const fullRegistry = (): TrustRegistry => createTrustRegistry(devAgencyRecords(keys));

async function startHub(file: string, registry: () => TrustRegistry, refreshRegistry?: () => Promise<void>) {
  const projection = new LiaisonProjection(dir.file(file), createHubPolicy(fullRegistry));
  const consumer = await startConsumer({
    nc,
    durable: 'liaison',
    registry,
    ...(refreshRegistry ? { refreshRegistry } : {}),
    db: projection.db,
    inbox: projection.inbox,
    handle: (e) => projection.apply(e),
    onCommitted: () => projection.applied.emit('applied'),
  });
  running = { consumer, projection };
  return running;
}

async function publish(e: SignedEnvelope, link?: { position: number; previous: number }): Promise<void> {
  const h = headers();
  if (link) {
    h.set(ORIGIN_POSITION_HEADER, String(link.position));
    h.set(ORIGIN_PREVIOUS_HEADER, String(link.previous));
  }
  await jetstream(nc).publish(subjectFor(e.originator.agency, e.type as 'SeizureReported'), JSON.stringify(e), { headers: h });
}

async function seizureOf(agency: string, seed: number): Promise<SignedEnvelope> {
  const generator = createSeizureGenerator(seed);
  for (;;) {
    const s = generator.next();
    if (s.originator.agency === agency) return signedSeizure(s, key(agency).eventKey);
  }
}

describe('the hub’s consumer, for events that are good but early', () => {
  it('refreshes a stale trust registry before refusing an event of an agency it does not list yet, and applies it', async () => {
    const seizure = await seizureOf('GH-CUSTOMS', 11);
    // The registry held at first predates GH-CUSTOMS (a new agency): only the refresh brings it.
    let current = createTrustRegistry(devAgencyRecords(keys.filter((k) => k.agency.id !== 'GH-CUSTOMS')));
    let refreshes = 0;
    const hub = await startHub(
      'stale.db',
      () => current,
      () => {
        refreshes += 1;
        current = fullRegistry();
        return Promise.resolve();
      },
    );
    await publish(seizure);
    await until(() => hub.consumer.stats().applied === 1, 15_000, 'the seizure to be applied');
    expect(refreshes).toBe(1);
    expect(hub.consumer.stats().deadLettered).toBe(0);
    expect(hub.consumer.ledger.deadLetterCount()).toBe(0);
    expect(hub.projection.seizure((seizure.data as { seizureId: string }).seizureId)).toBeDefined();
  });

  it('holds a disposition that arrives before its seizure, and applies both in order once the seizure arrives', async () => {
    const seizure = await seizureOf('TG-CUSTOMS', 12);
    const data = seizure.data as { seizureId: string; items: { itemId: string }[] };
    const disposition = await signEvent(
      createUnsignedEnvelope({
        type: 'DispositionRecorded',
        streamId: seizure.streamId,
        originator: seizure.originator,
        handling: seizure.handling,
        occurredAt: '2026-11-21T10:00:00Z',
        recordedAt: '2026-11-21T10:00:00Z',
        data: { seizureId: data.seizureId, itemId: data.items[0]!.itemId, disposition: 'DESTROYED', date: '2026-11-21', method: 'cutting' },
      }),
      key('TG-CUSTOMS').eventKey,
    );
    const hub = await startHub('early.db', fullRegistry);
    // The origin's second event first (its seizure was lost on the way, or is late).
    await publish(disposition, { position: 2, previous: 1 });
    await until(() => hub.consumer.stats().parked === 1, 15_000, 'the disposition to be held');
    expect(hub.projection.seizure(data.seizureId)).toBeUndefined();
    await publish(seizure, { position: 1, previous: 0 });
    await until(() => hub.consumer.stats().applied === 2, 15_000, 'both to be applied');
    expect(JSON.parse(hub.projection.seizure(data.seizureId)!.dispositions)).toMatchObject([{ disposition: 'DESTROYED', itemId: data.items[0]!.itemId }]);
    expect(hub.consumer.stats()).toMatchObject({ parked: 0, gaps: 0, deadLettered: 0 });
    // Acknowledged only once on disk: the read model commits with synchronous=FULL.
    expect(hub.projection.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('lists dead letters and replays them with the operator’s command', async () => {
    const seizure = await seizureOf('BF-BORDER', 13);
    let current = createTrustRegistry(devAgencyRecords(keys.filter((k) => k.agency.id !== 'BF-BORDER')));
    const hub = await startHub('liaison.db', () => current);
    await publish(seizure);
    await until(() => hub.consumer.ledger.deadLetterCount() === 1, 15_000, 'the event of an unknown signer to be dead-lettered');
    const cli = (...args: string[]): string =>
      execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/liaison/src/deadLetters.ts'), ...args, '--data-dir', dir.path], { encoding: 'utf8' });
    expect(cli('list')).toMatch(new RegExp(`#1 .* TB_ERR_UNKNOWN_SIGNER .*tb\\.v1\\.BF-BORDER\\..*event ${seizure.id}`));
    // The directory now lists the agency; the operator replays.
    current = fullRegistry();
    expect(cli('replay', '--id', '1')).toMatch(/1 dead letter\(s\) marked for replay/);
    await until(() => hub.consumer.stats().applied === 1, 15_000, 'the replayed event to be applied');
    expect(hub.consumer.ledger.deadLetterCount()).toBe(0);
    expect(cli('list')).toMatch(/no dead letters/);
    expect(hub.projection.seizure((seizure.data as { seizureId: string }).seizureId)).toBeDefined();
  });

  it('takes a forged out-of-range chain position as unchained: one header stops nothing', async () => {
    const forged = await seizureOf('GH-BORDER', 14);
    const other = await seizureOf('TG-POLICE', 15);
    const hub = await startHub('forged.db', fullRegistry);
    const h = headers();
    h.set(ORIGIN_POSITION_HEADER, '9999999999999999999'); // beyond SQLite's 64 bits: the old consumer retried this batch forever
    h.set(ORIGIN_PREVIOUS_HEADER, '0');
    await jetstream(nc).publish(subjectFor('GH-BORDER', 'SeizureReported'), JSON.stringify(forged), { headers: h });
    await publish(other, { position: 1, previous: 0 });
    await until(() => hub.consumer.stats().applied === 2, 15_000, 'both to be applied');
    expect(hub.consumer.stats()).toMatchObject({ retrying: false, parked: 0 });
  });

  it('moves an origin’s chain over an event it refuses, so the ones after it are not held behind it', async () => {
    const [first, bad, third] = [await seizureOf('GH-CUSTOMS', 16), await seizureOf('GH-CUSTOMS', 17), await seizureOf('GH-CUSTOMS', 18)];
    const hub = await startHub('refused.db', fullRegistry);
    await publish(first, { position: 1, previous: 0 });
    await publish({ ...bad, handling: { ...bad.handling, tlp: 'CLEAR' } }, { position: 2, previous: 1 }); // tampered after signing
    await publish(third, { position: 3, previous: 2 });
    await until(() => hub.consumer.stats().applied === 2, 15_000, 'the first and the third to be applied');
    expect(hub.consumer.stats()).toMatchObject({ parked: 0, gaps: 0, deadLettered: 1 });
    expect(hub.consumer.ledger.chains().get('GH-CUSTOMS')).toBe(3n);
  });

  it('tries again what was refused for want of a record once a gap fills and brings it', async () => {
    const [s1, s2] = [await seizureOf('TG-CUSTOMS', 19), await seizureOf('TG-CUSTOMS', 20)];
    const d2 = s2.data as { seizureId: string; items: { itemId: string }[] };
    const disposition = await signEvent(
      createUnsignedEnvelope({
        type: 'DispositionRecorded',
        streamId: s2.streamId,
        originator: s2.originator,
        handling: s2.handling,
        occurredAt: '2026-11-21T10:00:00Z',
        recordedAt: '2026-11-21T10:00:00Z',
        data: { seizureId: d2.seizureId, itemId: d2.items[0]!.itemId, disposition: 'RETAINED_AS_EVIDENCE', date: '2026-11-21' },
      }),
      key('TG-CUSTOMS').eventKey,
    );
    const hub = await startHub('refilled.db', fullRegistry);
    await publish(s2, { position: 2, previous: 1 }); // held: position 1 has not arrived
    await publish(disposition); // unchained (an older relay): its seizure is not here, so it is refused
    await until(() => hub.consumer.ledger.deadLetterCount() === 1 && hub.consumer.stats().parked === 1, 15_000, 'the seizure held and the disposition refused');
    await publish(s1, { position: 1, previous: 0 });
    await until(() => hub.consumer.ledger.deadLetterCount() === 0, 15_000, 'the refused disposition to be tried again and applied');
    expect(JSON.parse(hub.projection.seizure(d2.seizureId)!.dispositions)).toMatchObject([{ disposition: 'RETAINED_AS_EVIDENCE' }]);
  });
});
