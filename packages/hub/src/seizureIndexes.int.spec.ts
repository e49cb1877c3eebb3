import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrustRegistry } from '@tracebridge/identity';
import { createHubPolicy } from './access';
import { LiaisonProjection } from './projection';
import { storedSeizureData } from './seizureIndexes';

const dir = mkdtempSync(join(tmpdir(), 'tb-seizure-indexes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const policy = () => createHubPolicy(() => createTrustRegistry([]));

/** A seizure's data as a hub of before v3 stored it: the customs form's free-text conveyance, no brokers. */
const v2Data = {
  seizureId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a01',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  route: { origin: 'TR', transit: ['TG'] },
  details: { form: 'CUSTOMS', conveyance: 'MSCU 123456-5' },
  items: [
    { itemId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a02', kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', serialObliterated: false, quantity: 3 },
    { itemId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a03', kind: 'AMMUNITION', serialObliterated: false, quantity: 50 },
  ],
  persons: [],
  documents: [{ kind: 'BILL_OF_LADING', number: 'BL-2026-77' }],
};

describe('indexes derived from seizures, on a hub that held seizures before them', () => {
  it('are filled once from the stored seizures, lifted to the current schema, and not again on the next start', () => {
    const file = join(dir, 'liaison.db');
    const first = new LiaisonProjection(file, policy());
    first.db
      .prepare(
        `INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
         VALUES ('0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a01', 'GH-CUSTOMS', 'GH', 'GREEN', '[]', '2026-10-01T10:00:00+01:00', '2026-10-01T10:00:00Z', 'GH', '{}', ?)`,
      )
      .run(JSON.stringify(v2Data));
    // A row whose data no longer reads is left out and counted, not a reason not to start.
    first.db
      .prepare(
        `INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
         VALUES ('0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a09', 'GH-CUSTOMS', 'GH', 'GREEN', '[]', '2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z', 'GH', '{}', '{"seizureId":"x"}')`,
      )
      .run();
    // As a hub of before the indexes left it: no rows, no version.
    first.db.exec("DELETE FROM read_model_meta WHERE key LIKE 'index:%'");
    first.db.close();

    const filled: unknown[] = [];
    const upgraded = new LiaisonProjection(file, policy(), { onIndexFilled: (stats) => filled.push(stats) });
    expect(filled).toEqual([
      { index: 'routes', seizures: 1, skipped: 1 },
      { index: 'links', seizures: 1, skipped: 1 },
      { index: 'serial-batches', seizures: 1, skipped: 1 },
    ]);
    expect(upgraded.db.prepare('SELECT record_id, route_key, occurred_at, state, weapons FROM seizure_routes').all()).toEqual([
      { record_id: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a01', route_key: 'TR-TG-GH', occurred_at: '2026-10-01T09:00:00.000Z', state: 'GH', weapons: 3 },
    ]);
    expect(upgraded.db.prepare('SELECT kind, key FROM seizure_links ORDER BY kind').all()).toEqual([
      { kind: 'CONVEYANCE', key: 'MSCU1234565' },
      { kind: 'DOCUMENT', key: 'BL202677' },
    ]);
    expect(storedSeizureData(JSON.stringify(v2Data)).conveyance).toEqual({ mode: 'OTHER', identifier: 'MSCU 123456-5' });
    // Filled: a start with the versions current leaves the rows as they are (a deleted row stays deleted).
    upgraded.db.exec('DELETE FROM seizure_links');
    upgraded.db.close();
    const again = new LiaisonProjection(file, policy(), { onIndexFilled: (stats) => filled.push(stats) });
    expect(filled).toHaveLength(3);
    expect(again.db.prepare('SELECT COUNT(*) FROM seizure_links').pluck().get()).toBe(0);
    expect(again.db.prepare('SELECT COUNT(*) FROM seizure_routes').pluck().get()).toBe(1);
    again.db.close();
  });
});
