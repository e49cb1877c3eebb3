import { describe, expect, it } from 'vitest';
import type { CheckpointStore } from './checkpointStore';

/** A checkpoint store opened on `file`: a fresh one, or the one kept there before (a restart). */
export type OpenCheckpoints = (file: string) => { checkpoints: CheckpointStore; close: () => Promise<void> };

/**
 * The contract every place a subscriber keeps its checkpoints passes: in the
 * SQLite event store's own file, and in a file of its own beside a KurrentDB
 * store. `file` gives a fresh path for each test.
 */
export function describeCheckpointStoreContract(name: string, open: OpenCheckpoints, file: () => string): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    it('knows no position before the first save', async () => {
      const { checkpoints, close } = open(file());
      expect(await checkpoints.load('relay')).toBeUndefined();
      await close();
    });

    it('gives back the last position saved, per name', async () => {
      const { checkpoints, close } = open(file());
      await checkpoints.save('relay', 42n);
      await checkpoints.save('relay', 43n);
      await checkpoints.save('projection', 7n);
      expect(await checkpoints.load('relay')).toBe(43n);
      expect(await checkpoints.load('projection')).toBe(7n);
      await close();
    });

    it('keeps positions beyond 2^53 exactly (KurrentDB commit positions grow large)', async () => {
      const { checkpoints, close } = open(file());
      const large = 2n ** 62n + 7n;
      await checkpoints.save('relay', large);
      expect(await checkpoints.load('relay')).toBe(large);
      await close();
    });

    it('keeps what was saved across a restart', async () => {
      const f = file();
      const first = open(f);
      await first.checkpoints.save('relay', 1234n);
      await first.close();
      const second = open(f);
      expect(await second.checkpoints.load('relay')).toBe(1234n);
      await second.close();
    });
  });
}
