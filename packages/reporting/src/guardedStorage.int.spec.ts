import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { ErrorCodes } from '@tracebridge/contracts';
import { tempDir, type TempDir } from '@tracebridge/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteAgencyStorage, type AgencyStorage } from './agencyStorage';
import { AgencyUnavailableError, openGuardedStorage, storesProbe } from './guardedStorage';

/** An agency's stores behind the guard (issue 10, item 6), on real SQLite files. */
let dir: TempDir;
beforeEach(() => (dir = tempDir('tb-guarded-')));
afterEach(() => dir.remove());

const event = () => [{ id: randomUUID(), type: 'Tested', data: {} }];

describe('an agency storage that may not open', () => {
  it('refuses every call retryably while its file does not open, says why, and opens by itself once the file is good', async () => {
    const file = dir.file('tg-customs.db');
    writeFileSync(file, 'this is not a database, '.repeat(200));
    const storage = openGuardedStorage('TG-CUSTOMS', file, () => sqliteAgencyStorage(file), { retryEveryMs: 50 });
    try {
      expect(storage.status()).toMatchObject({ ready: false, where: file, error: expect.stringMatching(/^SQLITE_NOTADB: /) as unknown });
      expect(storesProbe([{ id: 'TG-CUSTOMS', availability: storage }])()).toMatchObject({ ok: false, agencies: { 'TG-CUSTOMS': { ready: false, where: file } } });
      // Promises that reject, never a synchronous throw; SERVICE_UNAVAILABLE, naming the agency and not the file.
      const refusals = [storage.store.readStream('s'), storage.store.appendToStream('s', event()), storage.vault.forSeizure('x'), storage.checkpoints.load('relay')];
      for (const r of refusals) {
        const err = await r.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AgencyUnavailableError);
        expect((err as AgencyUnavailableError).code).toBe(ErrorCodes.SERVICE_UNAVAILABLE);
        expect((err as Error).message).not.toContain(file);
      }

      rmSync(file); // the operator's restore, here a fresh file
      await storage.ready;
      expect(storage.status()).toEqual({ ready: true, where: file });
      await storage.store.appendToStream('s', event());
      expect(await storage.store.readStream('s')).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  it('turns a synchronous throw of an adapter (better-sqlite3 on a full disk) into a rejection: the relay’s timer has no catch', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const file = dir.file('gh-customs.db');
    let real: AgencyStorage | undefined;
    const storage = openGuardedStorage('GH-CUSTOMS', file, () => {
      real = sqliteAgencyStorage(file);
      const throwing = () => {
        throw full;
      };
      return { ...real, checkpoints: { load: throwing, save: throwing, close: () => Promise.resolve() } };
    });
    try {
      let saved: Promise<void> | undefined;
      expect(() => (saved = storage.checkpoints.save('relay', 5n))).not.toThrow();
      await expect(saved).rejects.toBe(full);
      await expect(storage.checkpoints.load('relay')).rejects.toBe(full);
    } finally {
      await storage.close();
      expect(real).toBeDefined();
    }
  });
});
