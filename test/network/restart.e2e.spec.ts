import { startNetwork } from '@tracebridge/network';
import { tempDir } from '@tracebridge/testkit';
import { freeNetworkPorts } from '../support/network';
import { afterAll, describe, expect, it } from 'vitest';
import { devTokens, gql } from '../support/graphql';

const dir = tempDir('tb-restart-');
afterAll(() => dir.remove());

describe('stopping and starting the network', () => {
  it('stops cleanly and, started again on the same data, still has every record and goes on working', async () => {
    const ports = await freeNetworkPorts();
    const url = `http://127.0.0.1:${ports.gateway}/graphql`;
    const mutation = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id } } }';
    const input = (ref: string) => ({
      clientReference: ref,
      occurredAt: '2026-11-20T09:30:00Z',
      location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
      items: [{ kind: 'WEAPON', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `RESTART-${ref}` }],
      handling: { tlp: 'GREEN' },
    });

    let network = await startNetwork({ dataDir: dir.path, ports });
    let tokens = await devTokens(dir.path);
    const first = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(url, tokens['GH-CUSTOMS'], mutation, { i: input('before') });
    expect(first.errors).toBeUndefined();
    await network.stop();
    for (const p of network.processes.values()) expect(p.child.exitCode !== null || p.child.signalCode !== null).toBe(true);

    network = await startNetwork({ dataDir: dir.path, ports });
    try {
      tokens = await devTokens(dir.path); // the same dev keys, kept in the data directory
      const seen = await gql<{ seizure: { id: string } | null }>(url, tokens['TG-POLICE'], 'query($id: ID!) { seizure(id: $id) { id } }', {
        id: first.data!.reportCustomsSeizure.seizure.id,
      });
      expect(seen.data!.seizure?.id).toBe(first.data!.reportCustomsSeizure.seizure.id);
      const again = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(url, tokens['GH-CUSTOMS'], mutation, { i: input('before') });
      expect(again.data!.reportCustomsSeizure.seizure.id).toBe(first.data!.reportCustomsSeizure.seizure.id);
      const after = await gql<{ reportCustomsSeizure: { seizure: { id: string } } }>(url, tokens['GH-CUSTOMS'], mutation, { i: input('after') });
      expect(after.errors).toBeUndefined();
      const count = await gql<{ seizures: { totalCount: number } }>(url, tokens['GH-POLICE'], '{ seizures(filter: { originator: "GH-CUSTOMS" }) { totalCount } }');
      expect(count.data!.seizures.totalCount).toBe(2);
    } finally {
      await network.stop();
    }
  });
});
