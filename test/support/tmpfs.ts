import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether this machine lets the tests mount a small tmpfs (a disk that can
 * fill up). Mounting needs root (CAP_SYS_ADMIN): where it is refused (an
 * unprivileged developer, a container without the capability) the disk-full
 * tests are skipped, and say so, rather than faking a full disk some other way.
 */
export function probeTmpfs(): { ok: true } | { ok: false; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tb-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
