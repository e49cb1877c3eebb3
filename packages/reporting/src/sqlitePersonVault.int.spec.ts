import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { getKurrentEventStore, getSqliteEventStore, openSqliteFile, type EventStore } from '@tracebridge/eventstore';
import { tempDir } from '@tracebridge/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { describePersonVaultContract } from './personVaultContract';
import { getSqlitePersonVault, getSqlitePersonVaultBeside } from './sqlitePersonVault';

const dir = tempDir('tb-vault-');
afterAll(() => dir.remove());
const file = (name: string) => join(dir.path, `${randomUUID()}-${name}`);

describePersonVaultContract('SQLite, in the event store file (one transaction with the append)', () => {
  const store = getSqliteEventStore(file('events.db'));
  return Promise.resolve({ store, vault: getSqlitePersonVault(store), close: () => store.close() });
});

const beside = (store: EventStore) => {
  const db = openSqliteFile(file('local.db'));
  return {
    store,
    vault: getSqlitePersonVaultBeside(db, store),
    close: async () => {
      await store.close();
      db.close();
    },
  };
};
describePersonVaultContract('SQLite, in a file of its own beside SQLite events (the KurrentDB layout)', () => Promise.resolve(beside(getSqliteEventStore(file('events.db')))));

const kurrentUrl = process.env.KURRENTDB_URL;
if (kurrentUrl) {
  describePersonVaultContract(`SQLite, in a file of its own beside KurrentDB at ${kurrentUrl}`, () =>
    Promise.resolve(beside(getKurrentEventStore(kurrentUrl, { streamPrefix: `v${randomUUID().slice(0, 8)}.` }))),
  );
} else {
  describe('PersonVault contract: beside KurrentDB', () => {
    it.skip('skipped: KURRENTDB_URL is not set, so there is no KurrentDB server to keep the events', () => {});
  });
}

describe('a vault beside another store', () => {
  it('keeps the identities when the append’s outcome is unknown (the reply was lost): the events may be stored', async () => {
    const events = getSqliteEventStore(file('events.db'));
    // The store commits, then the connection drops before the answer arrives.
    const lossy: EventStore = Object.assign(Object.create(events) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        await events.appendToStream(...args);
        throw new Error('connection reset');
      },
    });
    const { vault, close } = beside(lossy);
    const seizureId = randomUUID();
    const kofi = { personRef: randomUUID(), seizureId, role: 'driver', name: 'Kofi Mensah' };
    await expect(vault.appendWithIdentities([kofi], `seizure-${seizureId}`, [{ id: randomUUID(), type: 'Tested', data: {} }], { expectedRevision: 'no_stream' })).rejects.toThrow(
      'connection reset',
    );
    expect(await events.readStream(`seizure-${seizureId}`)).toHaveLength(1);
    expect(await vault.forSeizure(seizureId)).toEqual([kofi]);
    await close();
  });
});
