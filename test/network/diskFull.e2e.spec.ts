import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LIAISON_DURABLE } from '@tracebridge/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOperator, deadLetters } from '../support/bus';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
import { probeTmpfs } from '../support/tmpfs';
import { consumerDrained } from '../support/projection';

/*
 * A full disk under an agency service (issue 10, item 5): the customs
 * service runs with its data directory on a small tmpfs, as an operator puts
 * a service's data on a volume of its own. With the disk full, officers are
 * told SERVICE_UNAVAILABLE (retryable), never INTERNAL, and the service does not
 * crash; nothing is half-written; once space is freed it recovers by itself,
 * and every report an officer was told succeeded reaches the hub exactly once.
 *
 * The run that did not recover: the relay's checkpoint, written on the full
 * disk, threw (better-sqlite3 throws where the port promises) inside the
 * relay's checkpoint timer, which has no catch: an unhandled rejection, and
 * the process ended. Here the relay holds an acknowledgement it has not
 * checkpointed when the disk fills (NATS is paused while a report is stored,
 * then resumed once the disk is full), so that write fails every time.
 */

const tmpfs = probeTmpfs();
if (!tmpfs.ok) console.warn(`diskFull.e2e: skipped, this machine refuses to mount a tmpfs (needs root or CAP_SYS_ADMIN): ${tmpfs.reason}`);

let net: TestNetwork;
let mnt: string;
const customs = () => net.network.processes.get('customs')!;
const nats = () => net.network.processes.get('nats')!;

beforeAll(async () => {
  if (!tmpfs.ok) return;
  net = await startTestNetwork('tb-diskfull-');
  // The customs service moves to a data directory of its own on a 2 MB tmpfs, with its keys.
  mnt = mkdtempSync(join(tmpdir(), 'tb-diskfull-mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', mnt]);
  await customs().kill('SIGTERM');
  cpSync(join(net.dir.path, 'dev-keys'), join(mnt, 'dev-keys'), { recursive: true });
  await net.network.start('customs', { TB_DATA_DIR: mnt });
}, 120_000);

afterAll(async () => {
  // Unmounted always: the processes first (customs holds files there), then the mount, lazily if something still holds it.
  await net?.close();
  if (!mnt) return;
  try {
    execFileSync('umount', [mnt], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', mnt], { stdio: 'pipe' });
  }
  rmSync(mnt, { recursive: true, force: true });
});

const run = randomUUID().slice(0, 8);
const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId sharedView } }';
type Answer = Awaited<ReturnType<typeof gql<{ reportCustomsSeizure: { seizureId: string; sharedView: string } | null }>>>;
const report = (ref: string): Promise<Answer> =>
  gql(net.url, net.tokens['GH-CUSTOMS'], REPORT, {
    i: {
      clientReference: ref,
      occurredAt: '2026-11-20T09:30:00Z',
      location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
      items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: ref }],
      persons: [{ role: 'driver', name: 'Ama Owusu', nationality: 'GH' }],
      handling: { tlp: 'GREEN' },
    },
  });

/** Takes every byte left on the mount: what a log or a backup filling the volume does. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of [Buffer.alloc(64 * 1024), Buffer.alloc(4096), Buffer.alloc(1)]) {
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
}

interface RelayHealth {
  relays: { agencies: Record<string, { acked: string; saved: string }> };
}
const relayOf = async (agency: string) => ((await (await fetch(`http://127.0.0.1:${net.network.ports.customs}/health`)).json()) as RelayHealth).relays.agencies[agency]!;
/** Fails at once, with its output, if the customs process has ended: a crash is what this test is about. */
const alive = () => {
  const c = customs().child;
  if (c.exitCode !== null || c.signalCode !== null) throw new Error(`customs exited (${String(c.exitCode ?? c.signalCode)}):\n${customs().output().slice(-3000)}`);
};

describe('an agency service on a full disk', () => {
  it.skipIf(!tmpfs.ok)(
    'refuses reports retryably while full, never crashes, recovers by itself when space is freed, and every acknowledged report reaches the hub exactly once (skipped where mounting a tmpfs is refused)',
    async () => {
      const told = new Set<string>();
      const ok = (ref: string, r: Answer) => {
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        told.add(ref);
        return r.data!.reportCustomsSeizure!;
      };
      for (let i = 0; i < 3; i++) ok(`FULL-${run}-before-${i}`, await report(`FULL-${run}-before-${i}`));
      const pid = customs().child.pid;

      // NATS paused: the next report is stored and answered (PENDING: the hub cannot be asked), its publish awaits its ack.
      nats().child.kill('SIGSTOP');
      const pending = ok(`FULL-${run}-paused`, await report(`FULL-${run}-paused`));
      expect(pending.sharedView).toBe('PENDING');
      fillDisk(join(mnt, 'filler'));
      nats().child.kill('SIGCONT');

      // The relay now has an acknowledgement to checkpoint on a full disk: the write fails, is logged and retried; the process lives.
      await until(
        () => {
          alive();
          return customs().output().includes('relay checkpoint save failed');
        },
        30_000,
        'the checkpoint write to fail on the full disk',
      ).catch(async (err: unknown) => {
        throw new Error(`${String(err)}; relay ${JSON.stringify(await relayOf('GH-CUSTOMS'))}; customs said:\n${customs().output().slice(-2000)}`);
      });
      const stuck = await relayOf('GH-CUSTOMS');
      expect(BigInt(stuck.acked)).toBeGreaterThan(BigInt(stuck.saved));

      // Officers are told to retry, in plain words; nothing they sent is half-kept.
      const refused: string[] = [];
      for (let i = 0; i < 4; i++) {
        const ref = `FULL-${run}-during-${i}`;
        const r = await report(ref);
        if (!r.errors) {
          ok(ref, r);
          continue;
        }
        expect(r.errors[0]!.extensions, JSON.stringify(r.errors)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        expect(r.errors[0]!.message).not.toMatch(/SQLITE|\/|disk/i);
        refused.push(ref);
      }
      expect(refused.length, 'reports refused while the disk was full').toBeGreaterThan(0);
      alive();

      // Space freed: the same process takes the retries (same clientReference) and checkpoints again.
      rmSync(join(mnt, 'filler'));
      for (const ref of refused) {
        await until(async () => !(await report(ref)).errors, 20_000, `the retry of ${ref}`);
        told.add(ref);
      }
      ok(`FULL-${run}-after`, await report(`FULL-${run}-after`));
      await until(
        async () => {
          const r = await relayOf('GH-CUSTOMS');
          return r.saved === r.acked && BigInt(r.acked) > BigInt(stuck.acked);
        },
        20_000,
        'the relay to checkpoint again',
      );
      expect(customs().child.pid).toBe(pid);
      alive();

      await expectExactlyOnce([...told]);
    },
    180_000,
  );
});

/** Each report once in the customs store (with its one person, no stray vault rows) and once at the hub: counted where a double would show. */
async function expectExactlyOnce(refs: string[]): Promise<void> {
  const like = `FULL-${run}-%`;
  const store = new Database(join(mnt, 'gh-customs.db'), { readonly: true });
  const stored = store
    .prepare<[string], { ref: string; n: number }>(
      "SELECT json_extract(data, '$.clientReference') AS ref, COUNT(*) AS n FROM events WHERE type = 'SeizureReported' AND json_extract(data, '$.clientReference') LIKE ? GROUP BY ref",
    )
    .all(like);
  expect(Object.fromEntries(stored.map((s) => [s.ref, s.n]))).toEqual(Object.fromEntries(refs.map((r) => [r, 1])));
  const strayPersons = store
    .prepare<[], number>("SELECT COUNT(*) FROM person_identities p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = 'seizure-' || p.seizure_id)")
    .pluck()
    .get();
  expect(strayPersons, 'identities kept without their report').toBe(0);
  store.close();

  const hub = new Database(join(net.dir.path, 'liaison.db'), { readonly: true });
  const counts = () =>
    hub
      .prepare<[{ like: string }], { total: number; distinct: number; items: number }>(
        `SELECT COUNT(*) AS total, COUNT(DISTINCT id) AS "distinct", (SELECT COUNT(*) FROM items WHERE serial_as_read LIKE @like) AS items FROM seizures WHERE json_extract(data, '$.clientReference') LIKE @like`,
      )
      .get({ like })!;
  await until(() => counts().total >= refs.length, 30_000, 'the hub to hold every acknowledged report');
  const operator = await connectOperator(net);
  await until(() => consumerDrained(operator, LIAISON_DURABLE), 30_000, "the hub's consumer to drain");
  // Seizure ids are unique at the hub (a second application would be dead-lettered); its item index has no unique key.
  expect(counts()).toEqual({ total: refs.length, distinct: refs.length, items: refs.length });
  expect((await deadLetters(operator)).filter((d) => d.subject === 'tb.dlq.liaison')).toEqual([]);
  await operator.close();
  hub.close();
}
