import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, LIAISON_DURABLE } from '@tracebridge/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOperator } from '../support/bus';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
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

    // The operator's rebuild (docs/operations.md): stop the hub, delete its read model and its consumer, start it.
    await net.network.processes.get('liaison')!.kill('SIGTERM');
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(net.dir.path, `liaison.db${suffix}`), { force: true });
    const nc = await connectOperator(net);
    await (await jetstreamManager(nc)).consumers.delete(EVENTS_STREAM, LIAISON_DURABLE);
    await nc.close();
    await net.network.start('liaison');

    // Checked as the originator, whose reads of its own records are not audited: the audit below is only what survived.
    await until(async () => (await visibleTo('GH-CUSTOMS', id)) && (await count()) === total, 30_000, 'the hub to re-project every record');
    const after = await audit();
    expect(after.reads).toEqual(before.reads); // the same read, with its original time
    expect(after.notices).toEqual(before.notices);
  });
});
