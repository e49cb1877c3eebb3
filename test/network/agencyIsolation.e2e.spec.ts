import { randomUUID } from 'node:crypto';
import { copyFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

/*
 * One bad file takes down only its agency (issue 10, item 6). The customs
 * service hosts GH-CUSTOMS and TG-CUSTOMS in one process, each in its own
 * SQLite file. With `tg-customs.db` corrupted between two runs of the service,
 * the service starts, GH-CUSTOMS reports, relays and answers the hub's RPCs as
 * before, TG-CUSTOMS's officers are told (retryable) that their agency's
 * records are unavailable, the log and /health name the file and the SQLite
 * error; once the file is restored from its backup, TG-CUSTOMS works again
 * without a restart.
 */
let net: TestNetwork;
// Tried again every half second here (10 s by default), so the recovery is quick to see.
beforeAll(async () => (net = await startTestNetwork('tb-isolation-', undefined, { TB_STORE_RETRY_MS: '500' })), 120_000);
afterAll(async () => await net?.close());

const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizureId sharedView } }';
interface Answer {
  reportCustomsSeizure: { seizureId: string; sharedView: string } | null;
}
const input = (clientReference: string, serial: string) => ({
  clientReference,
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: serial }],
  persons: [{ role: 'driver', name: 'Kofi Mensah', nationality: 'GH' }],
  handling: { tlp: 'GREEN' },
});
const report = (agency: string, clientReference: string) => gql<Answer>(net.url, net.tokens[agency], REPORT, { i: input(clientReference, `ISO-${randomUUID().slice(0, 8)}`) });
const visibleToPolice = async (id: string) =>
  (await gql<{ seizure: { id: string } | null }>(net.url, net.tokens['GH-POLICE'], 'query($id: ID!) { seizure(id: $id) { id } }', { id })).data?.seizure != null;
interface StoresHealth {
  ok: boolean;
  stores: { ok: boolean; agencies: Record<string, { ready: boolean; where: string; error?: string }> };
}
const health = async (): Promise<{ status: number; body: StoresHealth }> => {
  const res = await fetch(`http://127.0.0.1:${net.network.ports.customs}/health`);
  return { status: res.status, body: (await res.json()) as StoresHealth };
};

describe('agencies hosted by one service fail alone', () => {
  it('keeps GH-CUSTOMS serving while tg-customs.db is corrupt, refuses TG-CUSTOMS retryably, and takes the restored file back without a restart', async () => {
    const tgFile = join(net.dir.path, 'tg-customs.db');
    const tgBefore = `TG-BEFORE-${randomUUID()}`;
    const first = await report('TG-CUSTOMS', tgBefore);
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();

    // Stopped cleanly (its WAL is folded into the file), backed up, then garbage over the SQLite header.
    await net.network.processes.get('customs')!.kill('SIGTERM');
    const backup = net.dir.file('tg-customs.backup.db');
    copyFileSync(tgFile, backup);
    const fd = openSync(tgFile, 'r+');
    writeSync(fd, Buffer.from('this is not a database '.repeat(8)), 0, 184, 0);
    closeSync(fd);
    const customs = await net.network.start('customs');
    const pid = customs.child.pid;

    // GH-CUSTOMS reports through the gateway as ever, and its report reaches the hub (its relay runs).
    const gh = await report('GH-CUSTOMS', `GH-${randomUUID()}`);
    expect(gh.errors, JSON.stringify(gh.errors)).toBeUndefined();
    const ghId = gh.data!.reportCustomsSeizure!.seizureId;
    await until(() => visibleToPolice(ghId), 20_000, "GH-CUSTOMS's report at the hub");
    // ... and the hub's RPC to the same process is answered for GH-CUSTOMS: its officer sees the driver's name.
    const persons = await gql<{ seizure: { persons: { name: string | null }[] } }>(net.url, net.tokens['GH-CUSTOMS'], 'query($id: ID!) { seizure(id: $id) { persons { name } } }', {
      id: ghId,
    });
    expect(persons.data!.seizure.persons).toEqual([{ name: 'Kofi Mensah' }]);

    // TG-CUSTOMS's officers: retryable, in plain words, naming their agency and no file.
    const refused = await report('TG-CUSTOMS', `TG-DURING-${randomUUID()}`);
    expect(refused.data?.reportCustomsSeizure ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(refused.errors?.[0]?.message).toContain('records of TG-CUSTOMS are unavailable');
    expect(refused.errors?.[0]?.message).not.toContain('.db');

    // The operator sees which file and why: in the log and on /health (503 while one agency is down).
    expect(customs.output()).toMatch(/agency storage unavailable/);
    expect(customs.output()).toContain(tgFile);
    expect(customs.output()).toContain('SQLITE_NOTADB');
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.stores.agencies['TG-CUSTOMS']).toMatchObject({ ready: false, where: tgFile, error: expect.stringMatching(/^SQLITE_NOTADB: /) as unknown });
    expect(down.body.stores.agencies['GH-CUSTOMS']).toMatchObject({ ready: true });

    // Restored from the backup: TG-CUSTOMS serves again, same process, its old record and a new one.
    copyFileSync(backup, tgFile);
    await until(async () => (await health()).body.stores.agencies['TG-CUSTOMS']!.ready, 20_000, 'TG-CUSTOMS storage reopened');
    const again = await report('TG-CUSTOMS', tgBefore);
    expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
    expect(again.data!.reportCustomsSeizure!.seizureId).toBe(first.data!.reportCustomsSeizure!.seizureId);
    const after = await report('TG-CUSTOMS', `TG-AFTER-${randomUUID()}`);
    expect(after.errors, JSON.stringify(after.errors)).toBeUndefined();
    await until(() => visibleToPolice(after.data!.reportCustomsSeizure!.seizureId), 20_000, "TG-CUSTOMS's new report at the hub (its relay started)");
    expect((await health()).status).toBe(200);
    expect(net.network.processes.get('customs')!.child.pid).toBe(pid);
    expect(customs.child.exitCode).toBeNull();
  }, 120_000);
});
