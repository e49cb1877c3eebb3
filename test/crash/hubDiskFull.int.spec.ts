import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { connectBus, ensureStreams, EVENTS_STREAM, startConsumer, type Consumer, type NatsConnection } from '@tracebridge/bus';
import type { SignedEnvelope } from '@tracebridge/contracts';
import { createHubPolicy, LiaisonProjection } from '@tracebridge/hub';
import { createTrustRegistry, devAgencyRecords, generateDevKeys, type TrustRegistry } from '@tracebridge/identity';
import { createSeizureGenerator, signedSeizures, startNatsServer, type NatsServer } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishChained } from '../support/chained';
import { until } from '../support/processes';
import { probeTmpfs } from '../support/tmpfs';

const BEFORE = 50;
const DURING = 300;
const DURABLE = 'liaison-disk-full';
const ACK_WAIT_MS = 2_000;

const mountable = probeTmpfs();
const canMount = mountable.ok;
if (!mountable.ok) console.warn(`hubDiskFull: skipped, this machine refuses to mount a tmpfs (needs root): ${mountable.reason}`);

/** Fills the file system holding `file` to its last byte: big writes, then smaller ones, down to one byte, until ENOSPC. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          const n = writeSync(fd, chunk);
          written += n;
          if (n < size) break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return written;
}

/**
 * Disk full for the hub (issue 10): the read model's file system filled to
 * its last byte while events arrive. The consumer must keep retrying the
 * batch it cannot write (never dead-letter it, never ack it), report that it
 * is retrying and why, and take every event in exactly once, by itself, when
 * space is freed. A consumer that acked before its commit, dead-lettered a
 * batch that failed for a passing reason, gave up, or doubled an event on
 * the way back fails one of the checks below.
 */
describe('the hub’s disk fills up', () => {
  let registry: TrustRegistry;
  let events: SignedEnvelope[];
  let nats: NatsServer;
  let nc: NatsConnection;
  let mountPoint: string;
  let mounted = false;
  let projection: LiaisonProjection | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    if (!canMount) return;
    const keys = await generateDevKeys();
    registry = createTrustRegistry(devAgencyRecords(keys));
    events = await signedSeizures(createSeizureGenerator(2028), keys, BEFORE + DURING);
    nats = await startNatsServer();
    nc = await connectBus(nats.url, 'disk-full-test');
    await ensureStreams(nc);
    mountPoint = mkdtempSync(join(tmpdir(), 'tb-disk-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8M', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  });
  afterAll(async () => {
    try {
      await consumer?.stop();
    } finally {
      // The file first, then the mount: a tmpfs with an open file is busy and would not unmount.
      if (projection?.db.open) projection.db.close();
      if (mounted) execFileSync('umount', [mountPoint], { stdio: 'pipe' });
      if (mountPoint && existsSync(mountPoint)) rmdirSync(mountPoint);
      await nc?.close();
      await nats?.dispose();
    }
  });

  /** Publishes as the agencies' relays do: chained per origin, msgID = event id. */
  const last = new Map<string, bigint>();
  const publish = (batch: readonly SignedEnvelope[]): Promise<void> => publishChained(nc, batch, last);
  const durable = async () => (await jetstreamManager(nc)).consumers.info(EVENTS_STREAM, DURABLE);
  const indexedItems = (batch: readonly SignedEnvelope[]): number =>
    batch.flatMap((e) => (e.data as { items: { manufacturer?: string; serial?: { normalised: string | null } }[] }).items).filter((i) => i.manufacturer && i.serial?.normalised)
      .length;

  it.skipIf(!canMount)('holds every event unacknowledged while the read model cannot be written, and takes each in once when space is freed', async () => {
    const started = Date.now();
    projection = new LiaisonProjection(
      join(mountPoint, 'liaison.db'),
      createHubPolicy(() => registry),
    );
    const p = projection;
    consumer = await startConsumer({
      nc,
      durable: DURABLE,
      registry: () => registry,
      db: p.db,
      inbox: p.inbox,
      handle: (e) => p.apply(e),
      retryBackoffMs: [100, 200, 400],
    });
    const c = consumer;
    // The durable's ack wait shortened from 60 s to 2 s, so the disk can stay full for longer than it within the test:
    // a batch being retried must be kept from redelivery (its messages marked in progress), not handed out again.
    await (await jetstreamManager(nc)).consumers.update(EVENTS_STREAM, DURABLE, { ack_wait: nanos(ACK_WAIT_MS) });
    await publish(events.slice(0, BEFORE));
    await until(() => c.stats().applied === BEFORE, 30_000, 'the first events to be taken in');

    const filler = join(mountPoint, 'filler');
    const filled = fillUp(filler);
    await publish(events.slice(BEFORE));
    const filledAt = Date.now();
    // Attempt after attempt refused, for longer than the ack wait: the batch is retried in place, never given up on.
    await until(() => c.stats().retrying && c.stats().retried >= 5 && Date.now() - filledAt > 2 * ACK_WAIT_MS, 30_000, 'the consumer to retry, past the ack wait');
    const full = { ...c.stats() };
    const held = await durable();
    console.info(`filled ${filled} bytes; while full: ${JSON.stringify(full)}; durable pending ${held.num_pending}, ack pending ${held.num_ack_pending}`);
    expect(full.lastError).toMatch(/database or disk is full/i);
    // A few may still fit in pages the file already had (the WAL, free pages); most cannot.
    expect(full.applied).toBeLessThan(BEFORE + DURING / 2);
    expect(full.deadLettered).toBe(0);
    expect(c.ledger.deadLetterCount()).toBe(0);
    expect(held.num_ack_pending + held.num_pending).toBeGreaterThan(0);
    expect(held.num_redelivered).toBe(0);
    // Acknowledged only once committed: JetStream holds everything after what the read model holds.
    expect(held.ack_floor.stream_seq).toBeLessThanOrEqual(full.position);

    unlinkSync(filler);
    await until(() => c.stats().applied === BEFORE + DURING && !c.stats().retrying, 30_000, 'the consumer to take in every event once space is freed');
    await until(
      async () => {
        const d = await durable();
        return d.num_pending === 0 && d.num_ack_pending === 0;
      },
      30_000,
      'every message to be acknowledged',
    );

    const count = (sql: string): number => p.db.prepare<[], number>(sql).pluck().get()!;
    const stats = c.stats();
    console.info(`recovered: ${JSON.stringify(stats)} in ${Date.now() - started} ms`);
    expect(count('SELECT COUNT(*) FROM seizures')).toBe(BEFORE + DURING);
    expect(count('SELECT COUNT(DISTINCT id) FROM seizures')).toBe(BEFORE + DURING);
    // No unique key on items: an event applied twice would show here as extra rows.
    expect(count('SELECT COUNT(*) FROM items')).toBe(indexedItems(events));
    expect(count("SELECT COUNT(*) FROM inbox WHERE consumer = 'liaison'")).toBe(BEFORE + DURING);
    expect(stats).toMatchObject({ retrying: false, deadLettered: 0, duplicates: 0, position: BEFORE + DURING });
    expect(c.ledger.deadLetterCount()).toBe(0);
    // The file is whole and fully writable again: its WAL folds back into it.
    expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(p.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });
});
