import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { natsServerBin } from '@tracebridge/testkit';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/processes';

describe('infra/nats configuration files', () => {
  const dir = join(repoRoot, 'infra', 'nats');
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf'));

  it('ships the single, cluster, leafnode and accounts layouts', () => {
    expect(files.sort()).toEqual(['accounts.conf', 'border-post-leafnode.conf', 'cluster-node.conf', 'single.conf']);
  });

  for (const f of files) {
    it(`${f} is accepted by nats-server -t`, () => {
      const r = spawnSync(natsServerBin(), ['-t', '-c', join(dir, f)], {
        env: { ...process.env, GH_CUSTOMS_PASS: 'x', WA_LIAISON_PASS: 'y' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('is valid');
    });
  }
});
