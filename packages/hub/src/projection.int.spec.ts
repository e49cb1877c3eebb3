import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrustRegistry, devAgencyRecords, generateDevKeys } from '@tracebridge/identity';
import { createHubPolicy } from './access';
import { LiaisonProjection } from './projection';

const registry = createTrustRegistry([]);

const dir = mkdtempSync(join(tmpdir(), 'tb-liaison-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('upgrading a hub database written by an earlier version', () => {
  it('drops item rows a partner planted under another agency’s seizure id, once, and keeps the genuine ones', () => {
    const file = join(dir, 'liaison.db');
    new LiaisonProjection(
      file,
      createHubPolicy(() => registry),
    ).db.close();
    const db = new Database(file);
    db.prepare(
      `INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
                VALUES ('s-1', 'GH-CUSTOMS', 'GH', 'RED', '[]', '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z', 'GH', '{}', '{}')`,
    ).run();
    const item =
      db.prepare(`INSERT INTO items (record_id, record_kind, holder_agency, holder_state, tlp, releasable_to, manufacturer_norm, serial_norm, manufacturer, serial_as_read)
                             VALUES (?, ?, ?, ?, 'RED', '[]', 'glock', ?, 'Glock', ?)`);
    item.run('s-1', 'SEIZURE', 'GH-CUSTOMS', 'GH', 'GENUINE1', 'GENUINE-1');
    item.run('s-1', 'SEIZURE', 'TG-POLICE', 'TG', 'PLANTED1', 'PLANTED-1'); // what the earlier version let in
    db.prepare(
      `INSERT INTO items (record_id, record_kind, holder_agency, holder_state, tlp, releasable_to, manufacturer_norm, serial_norm, manufacturer, serial_as_read)
                VALUES ('l-1', 'STOCKPILE_LOSS', 'GH-POLICE', 'GH', 'AMBER', '["TG-POLICE"]', 'glock', 'LOST1', 'Glock', 'LOST-1')`,
    ).run();
    db.pragma('user_version = 0');
    db.close();

    const upgraded = new LiaisonProjection(
      file,
      createHubPolicy(() => registry),
    );
    const serials = upgraded.db.prepare('SELECT serial_norm FROM items ORDER BY serial_norm').pluck().all();
    expect(serials).toEqual(['GENUINE1', 'LOST1']);
    expect(upgraded.db.prepare('SELECT originator_agency FROM stockpile_losses WHERE id = ?').pluck().get('l-1')).toBe('GH-POLICE');
    // version 2: the loss keeps its handling (from its item rows), so the visibility index can be recomputed
    expect(upgraded.db.prepare('SELECT tlp, releasable_to FROM stockpile_losses WHERE id = ?').get('l-1')).toEqual({ tlp: 'AMBER', releasable_to: '["TG-POLICE"]' });
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(2);
    upgraded.db.close();
  });

  it('upgrades a version-1 file: a loss takes its handling from its own item rows only, and the visibility index is computed, legacy id clashes included', async () => {
    const file = join(dir, 'liaison-v1.db');
    const v1 = new Database(file);
    // The tables as version 1 wrote them: losses without handling, no visibility index.
    v1.exec(`
      CREATE TABLE seizures (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL,
        tlp TEXT NOT NULL, releasable_to TEXT NOT NULL, occurred_at TEXT NOT NULL, reported_at TEXT NOT NULL, location_country TEXT NOT NULL,
        handling TEXT NOT NULL, data TEXT NOT NULL, dispositions TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE items (record_id TEXT NOT NULL, record_kind TEXT NOT NULL, holder_agency TEXT NOT NULL, holder_state TEXT NOT NULL, tlp TEXT NOT NULL,
        releasable_to TEXT NOT NULL, manufacturer_norm TEXT NOT NULL, serial_norm TEXT NOT NULL, manufacturer TEXT NOT NULL, serial_as_read TEXT NOT NULL, category TEXT);
      CREATE TABLE stockpile_losses (id TEXT PRIMARY KEY, originator_agency TEXT NOT NULL, originator_state TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO stockpile_losses VALUES ('l-1', 'GH-POLICE', 'GH'), ('l-2', 'GH-POLICE', 'GH'), ('clash', 'GH-POLICE', 'GH');
      INSERT INTO seizures (id, originator_agency, originator_state, tlp, releasable_to, occurred_at, reported_at, location_country, handling, data)
        VALUES ('clash', 'GH-CUSTOMS', 'GH', 'RED', '[]', '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z', 'GH', '{}', '{}');
      INSERT INTO items VALUES
        ('l-1', 'STOCKPILE_LOSS', 'GH-POLICE', 'GH', 'AMBER', '["BF-BORDER"]', 'glock', 'L1', 'Glock', 'L-1', NULL),
        -- planted before version 1 under the loss's id, by another agency and as a seizure: not the loss's handling
        ('l-1', 'SEIZURE', 'TG-POLICE', 'TG', 'CLEAR', '["TG-POLICE"]', 'glock', 'L1X', 'Glock', 'L-1X', NULL),
        -- two rows of the loss that disagree: RED
        ('l-2', 'STOCKPILE_LOSS', 'GH-POLICE', 'GH', 'GREEN', '[]', 'glock', 'L2', 'Glock', 'L-2', NULL),
        ('l-2', 'STOCKPILE_LOSS', 'GH-POLICE', 'GH', 'AMBER', '[]', 'glock', 'L3', 'Glock', 'L-3', NULL);
      PRAGMA user_version = 1;`);
    v1.close();

    const agencies = createTrustRegistry(devAgencyRecords(await generateDevKeys()));
    const upgraded = new LiaisonProjection(
      file,
      createHubPolicy(() => agencies),
    );
    const handling = upgraded.db.prepare('SELECT id, tlp, releasable_to FROM stockpile_losses ORDER BY id').all();
    expect(handling).toEqual([
      { id: 'clash', tlp: 'RED', releasable_to: '[]' },
      { id: 'l-1', tlp: 'AMBER', releasable_to: '["BF-BORDER"]' },
      { id: 'l-2', tlp: 'RED', releasable_to: '[]' },
    ]);
    const v = upgraded.visibility;
    expect([v.level('BF-BORDER', 'l-1'), v.level('GH-CUSTOMS', 'l-1'), v.level('TG-POLICE', 'l-1')]).toEqual(['VIEW', 'VIEW', 'HOLDER']);
    expect([v.level('GH-POLICE', 'l-2'), v.level('GH-CUSTOMS', 'l-2')]).toEqual(['VIEW', 'NONE']);
    // the clash is indexed as the seizure (its originator sees it), and did not stop the index from being computed
    expect([v.level('GH-CUSTOMS', 'clash'), v.level('GH-POLICE', 'clash')]).toEqual(['VIEW', 'NONE']);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(2);
    upgraded.db.close();
  });
});
