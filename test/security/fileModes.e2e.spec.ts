import { randomUUID } from 'node:crypto';
/**
 * Security review, finding 9: the network's data (event stores, the person
 * vault, the hub's records, keys, NATS's store and credentials) is readable
 * by its owner only, including a data directory left by an older version.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDir } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

let net: TestNetwork;

beforeAll(async () => {
  // What an older version left behind: a world-readable tree.
  const dir = tempDir('tb-filemodes-');
  chmodSync(dir.path, 0o755);
  mkdirSync(join(dir.path, 'legacy'), { mode: 0o755 });
  writeFileSync(join(dir.path, 'legacy', 'gh-customs.db'), 'old records', { mode: 0o644 });
  writeFileSync(join(dir.path, 'liaison.db'), '', { mode: 0o644 });
  net = await startTestNetwork('tb-filemodes-', dir);
}, 120_000);
afterAll(async () => {
  await net?.close();
});

/** Every entry under `dir` with its permission bits, relative to `dir`. */
function modes(dir: string, root = dir, out = new Map<string, { dir: boolean; mode: number }>()): Map<string, { dir: boolean; mode: number }> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    out.set(relative(root, path), { dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) modes(path, root, out);
  }
  return out;
}

describe('data file modes', () => {
  it('keeps every directory 0700 and every file 0600 after the network ran and took a report', async () => {
    const r = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(
      net.url,
      net.tokens['GH-CUSTOMS'],
      'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }',
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: '2026-11-20T09:30:00Z',
          location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
          items: [{ kind: 'WEAPON', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `MODES-${Date.now()}` }],
          persons: [{ role: 'driver', name: 'Yaw Boateng', nationality: 'GH' }],
          handling: { tlp: 'RED' },
        },
      },
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const id = r.data!.reportCustomsSeizure.seizure.id;
    // The hub has written the record once the originator reads it back through it.
    await until(
      async () =>
        (await gql<{ seizure: { id: string } | null }>(net.url, net.tokens['GH-CUSTOMS'], 'query($id: ID!) { seizure(id: $id) { id } }', { id })).data?.seizure?.id === id,
      30_000,
      'the report to reach the hub',
    );

    const all = modes(net.dir.path);
    const names = [...all.keys()];
    // The files that matter are there, so the check below covers them.
    for (const expected of [
      'gh-customs.db',
      'gh-customs.db-wal',
      'liaison.db-wal',
      'nats.conf',
      'nats-creds/customs.nk',
      'nats-creds/operator.nk',
      'dev-keys/GH-CUSTOMS.json',
      'legacy/gh-customs.db',
    ]) {
      expect(names, expected).toContain(expected);
    }
    expect(
      names.some((n) => n.startsWith('nats/jetstream/')),
      'the NATS store',
    ).toBe(true);
    const loose = [...all].filter(([, e]) => e.mode !== (e.dir ? 0o700 : 0o600)).map(([n, e]) => `${n} ${e.mode.toString(8)}`);
    expect(loose).toEqual([]);
    expect(lstatSync(net.dir.path).mode & 0o777).toBe(0o700);
  });
});
