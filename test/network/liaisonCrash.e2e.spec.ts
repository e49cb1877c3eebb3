import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Network } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { LIAISON_DURABLE } from '@tracebridge/bus';
import { connectOperator, deadLetters } from '../support/bus';
import { sleep, until } from '../support/processes';
import { consumerDrained } from '../support/projection';

let net: TestNetwork;
let network: Network;
let tokens: Record<string, string>;
let customsUrl: string;

beforeAll(async () => {
  net = await startTestNetwork('tb-liaison-crash-');
  ({ network, tokens } = net);
  customsUrl = `http://127.0.0.1:${network.ports.customs}/graphql`;
}, 120_000);

afterAll(async () => {
  await net?.close();
});

const TOTAL = 1000;
const CONCURRENCY = 16;

describe('the liaison hub under a crash', () => {
  it(`catches up with none missing and none doubled after a SIGKILL while ${TOTAL} reports flow`, async () => {
    const run = Date.now();
    let next = 0;
    let failed = 0;
    const send = async (): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        const r = await gql(customsUrl, tokens['GH-CUSTOMS'], 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { warnings { code } } }', {
          i: {
            clientReference: `FLOW-${run}-${i}`,
            occurredAt: '2026-11-20T09:30:00Z',
            location: { country: 'GH', place: 'Aflao border crossing', kind: 'LAND_BORDER' },
            items: [{ kind: 'WEAPON', manufacturer: 'Zastava Arms', countryOfManufacture: 'RS', serialNumber: `FLOW-${run}-${i}` }],
            handling: { tlp: 'GREEN' },
          },
        });
        if (r.errors) failed += 1;
      }
    };
    const senders = Array.from({ length: CONCURRENCY }, send);
    await until(() => next >= TOTAL / 3, 120_000, 'a third of the reports to be sent');
    await network.processes.get('liaison')!.kill('SIGKILL');
    const killedAt = next;
    await sleep(500);
    await network.start('liaison');
    await Promise.all(senders);
    expect(failed, 'the reporting side never depends on the hub').toBe(0);
    expect(killedAt).toBeLessThan(TOTAL);

    const db = new Database(join(net.dir.path, 'liaison.db'), { readonly: true });
    const counts = () =>
      db
        .prepare<[{ run: string }], { total: number; distinct: number; items: number }>(
          `SELECT COUNT(*) AS total, COUNT(DISTINCT id) AS "distinct", (SELECT COUNT(*) FROM items WHERE serial_as_read LIKE @run) AS items FROM seizures WHERE json_extract(data, '$.clientReference') LIKE @run`,
        )
        .get({ run: `FLOW-${run}-%` })!;
    await until(() => counts().total >= TOTAL, 60_000, 'the hub to catch up');
    // Counted once the hub's consumer has nothing left to deliver or to have acknowledged.
    const operator = await connectOperator(net);
    await until(() => consumerDrained(operator, LIAISON_DURABLE), 60_000, 'the hub’s consumer to drain');
    // Seizure ids are unique in the read model, so a doubled application cannot show as a second row: it
    // would be rejected as a second report of the record and dead-lettered. So nothing may be dead-lettered,
    // and the item index (no unique key) holds exactly one row per report.
    expect(counts()).toEqual({ total: TOTAL, distinct: TOTAL, items: TOTAL });
    expect((await deadLetters(operator)).filter((d) => d.subject === 'tb.dlq.liaison')).toEqual([]);
    await operator.close();
    db.close();
    // and the shared view answers for them
    const seen = await gql<{ seizures: { totalCount: number } }>(
      `http://127.0.0.1:${network.ports.gateway}/graphql`,
      tokens['TG-POLICE'],
      '{ seizures(filter: { originator: "GH-CUSTOMS" }) { totalCount } }',
    );
    expect(seen.data!.seizures.totalCount).toBe(TOTAL);
  });
});
