import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ErrorCodes, TracebridgeError } from '@tracebridge/contracts';

/**
 * Page cursors are sealed (AES-256-GCM, a key of this process): a raw
 * position in the hub's global sequence would tell a viewer how many
 * records — hidden ones included — arrived between two of its pages, and
 * when. A cursor from before a restart of the hub is refused (start again
 * from the first page). `list` binds a cursor to the list that gave it.
 */
export function createCursorSeal(key: Buffer = randomBytes(32)) {
  return {
    seal(list: string, position: number | null): string | null {
      if (position === null) return null;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(list));
      const plain = Buffer.alloc(8);
      plain.writeBigInt64BE(BigInt(position));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    /** The position a cursor names, or `Number.MAX_SAFE_INTEGER` (the start) without one. */
    open(list: string, cursor: string | null | undefined): number {
      if (!cursor) return Number.MAX_SAFE_INTEGER;
      try {
        const raw = Buffer.from(cursor, 'base64url');
        if (raw.length !== 12 + 8 + 16) throw new Error('length');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(list));
        decipher.setAuthTag(raw.subarray(20));
        const plain = Buffer.concat([decipher.update(raw.subarray(12, 20)), decipher.final()]);
        return Number(plain.readBigInt64BE());
      } catch {
        throw new TracebridgeError(ErrorCodes.BAD_USER_INPUT, 'after is not a cursor of this list (or the hub has restarted since): start again from the first page', {
          details: { path: ['after'] },
        });
      }
    },
  };
}
