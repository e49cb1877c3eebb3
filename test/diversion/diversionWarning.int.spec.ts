import { DiversionViews } from '@tracebridge/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startHubStack, type HubStack } from '../support/hubStack';
import { seizureInput } from '../support/seizureReports';

/**
 * The DIVERSION_CLUSTER warning through real reports (issue 9): customs and
 * police services of Ghana and Togo report over a real nats-server, the hub
 * projects what their relays publish, and the report whose weapon joins a
 * probable diverted lot its reporter may see is warned; one whose reporter
 * may not see the earlier seizures is not.
 */

let stack: HubStack;
beforeAll(async () => {
  stack = await startHubStack('diversion-warning');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

interface Reported {
  seizure: { id: string };
  warnings: { code: string; message: string }[];
}
const FORMS = {
  customs: { mutation: 'reportCustomsSeizure', input: 'CustomsSeizureInput', extra: {} },
  police: { mutation: 'reportPoliceRecovery', input: 'PoliceRecoveryInput', extra: { recoveryContext: 'SEARCH' } },
} as const;
const PLACES = { GH: { country: 'GH', place: 'Tema port', kind: 'PORT' }, TG: { country: 'TG', place: 'Port autonome de Lomé', kind: 'PORT' } } as const;

/** Report one Glock 17 of this serial as `agency`, and wait until the hub holds it (the next report's check reads it). */
async function report(agency: string, serial: string, at: string, tlp: string): Promise<Reported> {
  const kind = agency.endsWith('POLICE') ? 'police' : 'customs';
  const form = FORMS[kind];
  const state = agency.slice(0, 2) as keyof typeof PLACES;
  const input = {
    ...seizureInput({
      occurredAt: at,
      location: PLACES[state],
      items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', model: '17', countryOfManufacture: 'AT', serialNumber: serial }],
      persons: [],
      handling: { tlp },
    }),
    ...form.extra,
  };
  const r = ok(
    await stack.service<Record<string, Reported>>(kind, agency, `mutation($i: ${form.input}!) { ${form.mutation}(input: $i) { seizure { id } warnings { code message } } }`, {
      i: input,
    }),
  )[form.mutation]!;
  expect(await stack.projection.waitForSeizure(r.seizure.id, 10_000), `${agency}'s seizure reached the hub`).toBeDefined();
  return r;
}
const diversion = (r: Reported) => r.warnings.filter((w) => w.code === 'DIVERSION_CLUSTER');

describe('the DIVERSION_CLUSTER warning', () => {
  it('warns the report whose weapon makes a probable diverted lot of seizures in Ghana and Togo', async () => {
    const first = await report('GH-CUSTOMS', 'TBX-100100', '2026-03-02T08:00:00Z', 'GREEN');
    const second = await report('TG-CUSTOMS', 'TBX-100101', '2026-04-10T08:00:00Z', 'GREEN');
    // Two serials are no lot yet.
    expect(diversion(first)).toEqual([]);
    expect(diversion(second)).toEqual([]);
    const third = await report('GH-POLICE', 'TBX-100103', '2026-05-20T08:00:00Z', 'GREEN');
    expect(diversion(third)).toHaveLength(1);
    expect(diversion(third)[0]!.message).toBe(
      'a reported weapon joins a probable diverted lot: GLOCK 17 TBX100100–TBX100103, 3 serials seized in 2 states (GH, TG) between 2026-03-02 and 2026-05-20, with 2 other seizures you may see',
    );
    // The lot as every viewer of the three sees it, with its seizures, and as links from each of them.
    const clusters = ok(
      await stack.hub<{ diversionClusters: { serialFrom: string; serialTo: string; states: string[]; seizures: { id: string; originator: { id: string } }[] }[] }>(
        'TG-POLICE',
        '{ diversionClusters(filter: { manufacturer: "GLOCK" }) { serialFrom serialTo states seizures { id originator { id } } } }',
      ),
    ).diversionClusters;
    expect(clusters).toEqual([
      {
        serialFrom: 'TBX100100',
        serialTo: 'TBX100103',
        states: ['GH', 'TG'],
        seizures: [third, second, first].map((r, i) => ({ id: r.seizure.id, originator: { id: ['GH-POLICE', 'TG-CUSTOMS', 'GH-CUSTOMS'][i] } })),
      },
    ]);
    const links = new DiversionViews(stack.projection).batchLinks(first.seizure.id, 'TG-POLICE');
    expect(links.map((l) => l.seizureId).sort()).toEqual([second.seizure.id, third.seizure.id].sort());
    expect(new Set(links.map((l) => l.value))).toEqual(new Set(['GLOCK 17 TBX100100–TBX100103']));
    // The same through the analysts' links(seizureId).
    const viaApi = ok(
      await stack.hub<{ links: { kind: string; value: string; seizure: { id: string } }[] }>(
        'TG-POLICE',
        `{ links(seizureId: "${first.seizure.id}") { kind value seizure { id } } }`,
      ),
    ).links.filter((l) => l.kind === 'BATCH');
    expect(viaApi.map((l) => l.seizure.id).sort()).toEqual([second.seizure.id, third.seizure.id].sort());
    expect(new Set(viaApi.map((l) => l.value))).toEqual(new Set(['GLOCK 17 TBX100100–TBX100103']));
  });

  it('does not warn a reporter who may not see the earlier seizures', async () => {
    // RED, released to nobody: each seen by its originator only.
    await report('GH-CUSTOMS', 'TBY-200100', '2026-03-02T08:00:00Z', 'RED');
    await report('TG-CUSTOMS', 'TBY-200101', '2026-04-10T08:00:00Z', 'RED');
    expect(diversion(await report('TG-POLICE', 'TBY-200102', '2026-04-20T08:00:00Z', 'GREEN'))).toEqual([]);
    // TG-CUSTOMS sees its own second one: three serials in one state, within 30 days (10 April to 1 May): no lot either.
    expect(diversion(await report('TG-CUSTOMS', 'TBY-200103', '2026-05-01T08:00:00Z', 'GREEN'))).toEqual([]);
    // GH-CUSTOMS sees its own first one and the two GREEN ones: three serials in two states. Warned.
    expect(diversion(await report('GH-CUSTOMS', 'TBY-200104', '2026-06-01T08:00:00Z', 'GREEN'))).toHaveLength(1);
  });
});
