import { randomUUID } from 'node:crypto';
import type { EventStore } from '@tracebridge/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonIdentity, PersonVault } from './personVault';

/** A fresh vault and the event store it appends to. */
export type OpenVault = () => Promise<{ store: EventStore; vault: PersonVault; close: () => Promise<void> }>;

/**
 * The contract every PersonVault adapter passes: in the SQLite event
 * store's own file, and in a file of its own beside another store.
 */
export function describePersonVaultContract(name: string, open: OpenVault): void {
  describe(`PersonVault contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OpenVault>>;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.close();
    });
    const person = (seizureId: string, name: string, more: Partial<PersonIdentity> = {}): PersonIdentity => ({ personRef: randomUUID(), seizureId, role: 'driver', name, ...more });
    const event = () => ({ id: randomUUID(), type: 'Tested', data: {} });

    it('appends the events and keeps the identities they name', async () => {
      const seizureId = randomUUID();
      const persons = [person(seizureId, 'Kofi Mensah', { nationality: 'GH', documentNumber: 'G1234567' }), person(seizureId, 'Ama Owusu')];
      const result = await opened.vault.appendWithIdentities(persons, `seizure-${seizureId}`, [event()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0);
      expect(await opened.store.readStream(`seizure-${seizureId}`)).toHaveLength(1);
      const kept = await opened.vault.forSeizure(seizureId);
      expect(kept.sort((a, b) => a.name.localeCompare(b.name))).toEqual(persons.sort((a, b) => a.name.localeCompare(b.name)));
    });

    it('keeps neither the events nor the identities when the store refuses the append', async () => {
      const seizureId = randomUUID();
      const first = person(seizureId, 'First Writer');
      await opened.vault.appendWithIdentities([first], `seizure-${seizureId}`, [event()], { expectedRevision: 'no_stream' });
      const late = opened.vault.appendWithIdentities([person(seizureId, 'Late Writer')], `seizure-${seizureId}`, [event()], { expectedRevision: 'no_stream' });
      await expect(late).rejects.toMatchObject({ code: 'TB_ERR_WRONG_EXPECTED_REVISION' });
      expect(await opened.vault.forSeizure(seizureId)).toEqual([first]);
      expect(await opened.store.readStream(`seizure-${seizureId}`)).toHaveLength(1);
    });

    it('knows no one under a seizure it never kept', async () => {
      expect(await opened.vault.forSeizure(randomUUID())).toEqual([]);
    });
  });
}
