import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEventStoreContract } from './eventStoreContract';
import { getSqliteCheckpointStore } from './checkpointStore';
import { WrongExpectedRevisionError } from './errors';
import { getSqliteEventStore } from './sqliteEventStore';

const dir = mkdtempSync(join(tmpdir(), 'tb-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (): string => join(dir, `store-${++n}.db`);

describeEventStoreContract('SQLite', () => Promise.resolve(getSqliteEventStore(file())));

describe('SQLite event store specifics', () => {
  describeFiles();
  describeWritersInTwoThreads();
  describeSameTransaction();
});

/** The file is the store: reopened, or read by a second instance. */
function describeFiles(): void {
  it('keeps what was appended across a reopen (the file is the store)', async () => {
    const f = file();
    const a = getSqliteEventStore(f);
    await a.appendToStream('seizure-1', [{ id: crypto.randomUUID(), type: 'T', data: { x: 1 } }]);
    await a.close();
    const b = getSqliteEventStore(f);
    expect((await b.readStream('seizure-1')).map((e) => e.data)).toEqual([{ x: 1 }]);
    await b.close();
  });

  it('lets a read-only instance in the same process read and subscribe while another writes', async () => {
    const f = file();
    const writer = getSqliteEventStore(f);
    const reader = getSqliteEventStore(f, { readonly: true, pollIntervalMs: 10 });
    const sub = reader.subscribeToAll();
    const got: unknown[] = [];
    const done = (async () => {
      for await (const e of sub) {
        got.push(e.data);
        if (got.length === 3) break;
      }
    })();
    for (let i = 0; i < 3; i++) await writer.appendToStream('s-1', [{ id: crypto.randomUUID(), type: 'T', data: i }]);
    await done;
    await sub.close();
    expect(got).toEqual([0, 1, 2]);
    await reader.close();
    await writer.close();
  });
}

/** Optimistic concurrency across threads (and so processes) on one file. */
function describeWritersInTwoThreads(): void {
  it('never loses an update when writers in two threads race on one stream (optimistic retry)', async () => {
    const f = file();
    await getSqliteEventStore(f).close();
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      const Database = require(workerData.bsq);
      const db = new Database(workerData.file);
      db.pragma('busy_timeout = 10000'); db.pragma('synchronous = FULL');
      const cur = db.prepare('SELECT MAX(revision) AS r FROM events WHERE stream_id = ?');
      const ins = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, stored_at) VALUES (?, ?, ?, ?, ?, NULL, 0)');
      let conflicts = 0;
      for (let i = 0; i < workerData.count; i++) {
        for (;;) {
          const r = cur.get('counter-1').r; const next = r === null ? 0 : r + 1;
          try { ins.run(crypto.randomUUID(), 'counter-1', next, 'Incremented', '{}'); break; }
          catch (e) { if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') { conflicts++; continue; } throw e; }
        }
      }
      parentPort.postMessage(conflicts);
    `;
    // The adapter's own append runs in the main thread against the same file.
    const { createRequire } = await import('node:module');
    const bsq = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(code, { eval: true, workerData: { file: f, count: 300, bsq } });
    const store = getSqliteEventStore(f);
    for (let i = 0; i < 300; i++) {
      for (;;) {
        const events = await store.readStream('counter-1');
        try {
          await store.appendToStream('counter-1', [{ id: crypto.randomUUID(), type: 'Incremented', data: {} }], {
            expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1,
          });
          break;
        } catch (e) {
          if ((e as { code?: string }).code === 'TB_ERR_WRONG_EXPECTED_REVISION') {
            continue;
          }
          throw e;
        }
      }
    }
    await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const all = await store.readStream('counter-1');
    expect(all.length).toBe(600);
    expect(all.map((e) => e.revision)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    await store.close();
  });
}

/** What lives in the store's file beside the events: checkpoints, and writes committed with an append. */
function describeSameTransaction(): void {
  it('keeps checkpoints beside the events', async () => {
    const f = file();
    const store = getSqliteEventStore(f);
    const cp = getSqliteCheckpointStore(store.db);
    expect(await cp.load('relay')).toBeUndefined();
    await cp.save('relay', 42n);
    await cp.save('relay', 43n);
    expect(await cp.load('relay')).toBe(43n);
    await store.close();
  });

  it('commits what runs alongside an append in the same transaction, and runs nothing alongside a refused append', async () => {
    const store = getSqliteEventStore(file());
    store.db.exec('CREATE TABLE side (x INTEGER)');
    const side = (x: number) => () => void store.db.prepare('INSERT INTO side (x) VALUES (?)').run(x);
    const rows = () => store.db.prepare('SELECT x FROM side ORDER BY x').pluck().all();
    await store.appendWith('s-1', [{ id: crypto.randomUUID(), type: 'T', data: 1 }], { expectedRevision: 'no_stream' }, side(1));
    expect(rows()).toEqual([1]);
    let ran = false;
    const refused = store.appendWith('s-1', [{ id: crypto.randomUUID(), type: 'T', data: 2 }], { expectedRevision: 'no_stream' }, () => {
      ran = true;
      side(2)();
    });
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(ran).toBe(false);
    expect(rows()).toEqual([1]);
    expect((await store.readStream('s-1')).map((e) => e.data)).toEqual([1]);
    await store.close();
  });

  it('rolls the append back when what runs alongside it fails', async () => {
    const store = getSqliteEventStore(file());
    store.db.exec('CREATE TABLE side (x INTEGER NOT NULL)');
    const failing = () => void store.db.prepare('INSERT INTO side (x) VALUES (NULL)').run();
    await expect(store.appendWith('s-1', [{ id: crypto.randomUUID(), type: 'T', data: 1 }], { expectedRevision: 'no_stream' }, failing)).rejects.toThrow(/NOT NULL/);
    expect(await store.readStream('s-1')).toEqual([]);
    expect(await store.readAll()).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) FROM side').pluck().get()).toBe(0);
    await store.close();
  });
}

describe('envelope mapping', () => {
  it('stores a signed envelope whole and gives the same envelope back, as objects and as wire JSON', async () => {
    const { createUnsignedEnvelope, newId } = await import('@tracebridge/contracts');
    const { envelopeToEvent, recordedToEnvelope, recordedToWireJson } = await import('./envelopeMapping');
    const seizureId = newId();
    const envelope = {
      ...createUnsignedEnvelope({
        type: 'SeizureReported',
        streamId: `seizure-${seizureId}`,
        originator: { state: 'TG', agency: 'TG-CUSTOMS' },
        handling: { tlp: 'RED', code: 'H3', restrictions: 'not for court', releasableTo: ['WA-LIAISON'] },
        occurredAt: '2026-10-01T08:00:00Z',
        recordedAt: '2026-10-01T09:00:00Z',
        data: {
          seizureId,
          location: { country: 'TG', place: 'Port autonome de Lomé', kind: 'PORT' },
          details: { form: 'CUSTOMS' },
          items: [{ itemId: newId(), kind: 'AMMUNITION', quantity: 900 }],
        },
      }),
      signature: 'eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl',
    };
    const store = getSqliteEventStore(file());
    await store.appendToStream(envelope.streamId, [envelopeToEvent(envelope)]);
    const [recorded] = await store.readStream(envelope.streamId);
    expect(recordedToEnvelope(recorded!)).toEqual(envelope);
    expect(JSON.parse(recordedToWireJson(recorded!))).toEqual(envelope);
    await store.close();
  });
});
