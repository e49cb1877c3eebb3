import type Database from 'better-sqlite3';

/**
 * Once per file written by an earlier version (PRAGMA user_version 0 → 1):
 * drop item rows a partner planted under another agency's seizure id (the
 * projection checks originators since version 1), and record who reported
 * each stockpile loss, from the items index. A loss id claimed by two
 * holders there cannot be told apart: it is left out, so later events
 * about it are quarantined rather than credited to the wrong agency.
 */
export function upgradeReadModel(db: Database.Database): void {
  upgradeToV1(db);
  upgradeToV2(db);
}

function upgradeToV1(db: Database.Database): void {
  if (db.pragma('user_version', { simple: true }) !== 0) return;
  db.transaction(() => {
    db.exec(`
      DELETE FROM items WHERE record_kind = 'SEIZURE'
        AND holder_agency != COALESCE((SELECT originator_agency FROM seizures WHERE seizures.id = items.record_id), holder_agency);
      INSERT OR IGNORE INTO stockpile_losses (id, originator_agency, originator_state)
        SELECT record_id, MIN(holder_agency), MIN(holder_state) FROM items WHERE record_kind = 'STOCKPILE_LOSS'
        GROUP BY record_id HAVING COUNT(DISTINCT holder_agency) = 1;
      PRAGMA user_version = 1;`);
  })();
}

/**
 * Version 2 (the visibility index): stockpile losses keep their handling,
 * as seizures do, so the index can be recomputed from the read model. Losses
 * projected before carry it in their item rows; one without a readable
 * serial had no row and is indexed as TLP:RED (seen by its originator alone).
 */
function upgradeToV2(db: Database.Database): void {
  if (db.pragma('user_version', { simple: true }) !== 1) return;
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('stockpile_losses')").pluck().all();
  db.transaction(() => {
    if (!columns.includes('tlp')) {
      db.exec(`
        ALTER TABLE stockpile_losses ADD COLUMN tlp TEXT NOT NULL DEFAULT 'RED';
        ALTER TABLE stockpile_losses ADD COLUMN releasable_to TEXT NOT NULL DEFAULT '[]';`);
    }
    // Only the loss's own item rows (its kind, its originator) say its handling; rows that disagree make it RED.
    db.exec(`
      UPDATE stockpile_losses SET
        tlp = COALESCE((SELECT CASE WHEN COUNT(DISTINCT tlp) = 1 AND COUNT(DISTINCT releasable_to) = 1 THEN MIN(tlp) ELSE 'RED' END
                        FROM items WHERE items.record_id = stockpile_losses.id AND items.record_kind = 'STOCKPILE_LOSS'
                          AND items.holder_agency = stockpile_losses.originator_agency), 'RED'),
        releasable_to = COALESCE((SELECT CASE WHEN COUNT(DISTINCT tlp) = 1 AND COUNT(DISTINCT releasable_to) = 1 THEN MIN(releasable_to) ELSE '[]' END
                        FROM items WHERE items.record_id = stockpile_losses.id AND items.record_kind = 'STOCKPILE_LOSS'
                          AND items.holder_agency = stockpile_losses.originator_agency), '[]');`);
    db.exec('PRAGMA user_version = 2');
  })();
}
