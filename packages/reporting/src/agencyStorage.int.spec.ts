import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getSqliteEventStore } from '@tracebridge/eventstore';
import { tempDir, type TempDir } from '@tracebridge/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAgencyStorage } from './agencyStorage';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir('tb-storage-');
});
afterEach(() => dir.remove());

describe('an agency’s storage, as TB_EVENT_STORE configures it', () => {
  it('SQLite: keeps the events, the vault and the checkpoints in the one agency file', async () => {
    const storage = openAgencyStorage('GH-CUSTOMS', dir.path, { kind: 'sqlite' });
    const seizureId = crypto.randomUUID();
    const person = { personRef: crypto.randomUUID(), seizureId, role: 'driver', name: 'Kofi Mensah' };
    await storage.vault.appendWithIdentities([person], `seizure-${seizureId}`, [{ id: crypto.randomUUID(), type: 'Tested', data: {} }], { expectedRevision: 'no_stream' });
    await storage.checkpoints.save('relay', 1n);
    await storage.close();
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.db'))).toEqual(['gh-customs.db']);
    const reopened = getSqliteEventStore(join(dir.path, 'gh-customs.db'));
    expect(reopened.db.prepare('SELECT name FROM person_identities').pluck().all()).toEqual(['Kofi Mensah']);
    expect(reopened.db.prepare('SELECT position FROM checkpoints').pluck().all()).toEqual([1]);
    expect(await reopened.readStream(`seizure-${seizureId}`)).toHaveLength(1);
    await reopened.close();
  });

  it('KurrentDB: opens without reaching the server (it connects on first use), with the vault and checkpoints in <agency>.local.db', async () => {
    const storage = openAgencyStorage('GH-CUSTOMS', dir.path, { kind: 'kurrentdb', connectionString: 'kurrentdb://admin:changeit@127.0.0.1:2113?tls=false' });
    expect(storage.where).toContain('streams gh_customs.*');
    expect(storage.where).not.toContain('changeit');
    await storage.checkpoints.save('relay', 2n ** 40n);
    expect(await storage.checkpoints.load('relay')).toBe(2n ** 40n);
    expect(await storage.vault.forSeizure(crypto.randomUUID())).toEqual([]);
    await storage.close();
    expect(existsSync(join(dir.path, 'gh-customs.local.db'))).toBe(true);
    expect(existsSync(join(dir.path, 'gh-customs.db'))).toBe(false);
  });
});
