import { createHubPolicy, LiaisonProjection } from '@tracebridge/hub';
import { createTrustRegistry, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import { decodeEvent } from '@tracebridge/contracts';
import { createSeizureGenerator, signedSeizures, tempDir } from '@tracebridge/testkit';
const N = 10000;
const keys = await generateDevKeys();
const registry = createTrustRegistry(devAgencyRecords(keys));
const decoded = (await signedSeizures(createSeizureGenerator(7), keys, N)).map((e) => decodeEvent(e));
const dir = tempDir('apply-');
const proj = new LiaisonProjection(dir.file('l.db'), createHubPolicy(() => registry, []));
proj.beginBulk();
const batch = proj.db.transaction((es: typeof decoded) => { for (const e of es) proj.inbox.applyOnce(e.id, () => proj.apply(e)); });
for (let i = 0; i < N; i += 500) batch(decoded.slice(i, i + 500));
let t = performance.now();
(proj.visibility as unknown as { endDeferred(): void }).endDeferred();
console.log('visibility recompute', ((performance.now() - t) / N * 1000).toFixed(1), 'us/event');
for (const index of proj.seizureIndexes) {
  const db = proj.db;
  const rows = db.prepare('SELECT seq, id, occurred_at, reported_at, originator_agency, originator_state, data FROM seizures ORDER BY seq').all() as { seq: number; id: string; occurred_at: string; reported_at: string; originator_agency: string; originator_state: string; data: string }[];
  t = performance.now();
  db.transaction(() => { for (const r of rows) index.add({ seizureId: r.id, seq: r.seq, occurredAt: r.occurred_at, reportedAt: r.reported_at, originator: { agency: r.originator_agency, state: r.originator_state }, data: JSON.parse(r.data) }); })();
  console.log(index.name, ((performance.now() - t) / N * 1000).toFixed(1), 'us/event');
}
dir.remove();
