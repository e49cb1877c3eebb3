import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrustRegistry } from '@tracebridge/identity';
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
});
