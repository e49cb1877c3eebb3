import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { repoRoot, until } from '../support/processes';
import { customsInput, reportSeizure } from '../support/security';

let net: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork('tb-rebuild-');
}, 120_000);
afterAll(async () => {
  await net?.close();
});

const visibleTo = async (agency: string, id: string): Promise<boolean> =>
  (await gql<{ seizure: { id: string } | null }>(net.url, net.tokens[agency], 'query($id: ID!) { seizure(id: $id) { id } }', { id })).data?.seizure?.id === id;

describe('rebuilding the hub’s read model', () => {
  it('re-projects every record from the events and keeps the read audit and the hit notices', async () => {
    const serial = `REBUILD-${Date.now()}`;
    const { id } = await reportSeizure(
      net.url,
      net.tokens['GH-CUSTOMS'],
      customsInput({ handling: { tlp: 'AMBER' }, items: [{ kind: 'WEAPON', manufacturer: 'Glock', serialNumber: serial }] }),
    );
    await until(() => visibleTo('GH-POLICE', id), 10_000, 'the report at the hub');
    await gql(net.url, net.tokens['TG-POLICE'], `{ serialCheck(manufacturer: "Glock", serialNumber: "${serial}") { holder { id } } }`);
    const audit = async () => {
      const reads = await gql<{ readsOfMyRecords: { reader: { id: string }; at: string }[] }>(
        net.url,
        net.tokens['GH-CUSTOMS'],
        `{ readsOfMyRecords(recordId: "${id}") { reader { id } at } }`,
      );
      const notices = await gql<{ hitsOnMyRecords: { nodes: { recordId: string; queriedBy: { id: string }; count: number }[] } }>(
        net.url,
        net.tokens['GH-CUSTOMS'],
        '{ hitsOnMyRecords(first: 500) { nodes { recordId queriedBy { id } count } } }',
      );
      return { reads: reads.data!.readsOfMyRecords.map((r) => `${r.reader.id} ${r.at}`), notices: notices.data!.hitsOnMyRecords.nodes.filter((n) => n.recordId === id) };
    };
    const count = async () => (await gql<{ seizures: { totalCount: number } }>(net.url, net.tokens['GH-CUSTOMS'], '{ seizures { totalCount } }')).data!.seizures.totalCount;
    const before = await audit();
    expect(before.reads).toEqual([expect.stringMatching(/^GH-POLICE /)]);
    expect(before.notices).toEqual([{ recordId: id, queriedBy: { id: 'TG-POLICE' }, count: 1 }]);
    const total = await count();

    // The operator's rebuild (docs/operations.md): `npm run hub:rebuild` stops the hub; started again, it moves its read model
    // aside and takes the stream in from the beginning. The durable consumer in JetStream is left as it is: the read model's own
    // position decides where the hub starts (issue 10, item 3).
    const hub = net.network.processes.get('liaison')!;
    const exited = new Promise((resolve) => hub.child.once('exit', resolve));
    execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/liaison/src/rebuild.ts'), '--data-dir', net.dir.path], { encoding: 'utf8' });
    await exited;
    await net.network.start('liaison');
    expect(readdirSync(net.dir.path).some((f) => f.startsWith('liaison.db.before-rebuild-'))).toBe(true);

    // Checked as the originator, whose reads of its own records are not audited: the audit below is only what survived.
    await until(async () => (await visibleTo('GH-CUSTOMS', id)) && (await count()) === total, 30_000, 'the hub to re-project every record');
    const after = await audit();
    expect(after.reads).toEqual(before.reads); // the same read, with its original time
    expect(after.notices).toEqual(before.notices);
  });
});
