import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { canSee, report, seizureInput } from '../support/seizureReports';

/*
 * Who sees what of a shared record, through the gateway: the originator's
 * policy (TLP, releasability) on the record, its list, its serial checks;
 * person identities; and the audit of every read by another agency.
 * (The rest of the network's behaviour is in seizureNetwork.e2e.spec.ts,
 * over a network of its own.)
 */

let net: TestNetwork;
let url: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  net = await startTestNetwork('tb-sharing-');
  ({ url, tokens } = net);
}, 120_000);

afterAll(async () => {
  await net?.close();
});

describe('sharing under the originator’s policy, through the gateway', () => {
  it('shows each TLP level to exactly the agencies it allows', async () => {
    const cases: [Record<string, unknown>, Record<string, boolean>][] = [
      [{ tlp: 'CLEAR' }, { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true }],
      [{ tlp: 'GREEN' }, { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true }],
      [{ tlp: 'AMBER' }, { 'GH-POLICE': true, 'TG-POLICE': false, 'BF-BORDER': false }],
      [{ tlp: 'AMBER_STRICT' }, { 'GH-POLICE': false, 'TG-POLICE': false, 'BF-BORDER': false }],
      [
        { tlp: 'AMBER_STRICT', releasableTo: ['BF-BORDER'] },
        { 'GH-POLICE': false, 'TG-POLICE': false, 'BF-BORDER': true },
      ],
      [
        { tlp: 'RED', releasableTo: ['TG-POLICE'] },
        { 'GH-POLICE': false, 'TG-POLICE': true, 'BF-BORDER': false },
      ],
      // released to a group: every member agency (all demo agencies are in WA-NETWORK)
      [
        { tlp: 'RED', releasableTo: ['WA-NETWORK'] },
        { 'GH-POLICE': true, 'TG-POLICE': true, 'BF-BORDER': true },
      ],
    ];
    for (const [handling, expected] of cases) {
      const { seizure } = await report(net, seizureInput({ handling }));
      expect(await canSee(net, 'GH-CUSTOMS', seizure.id), 'the originator always sees its record').toBe(true);
      const seen: Record<string, boolean> = {};
      for (const agency of Object.keys(expected)) seen[agency] = await canSee(net, agency, seizure.id);
      expect(seen, JSON.stringify(handling)).toEqual(expected);
      // the list view applies the same policy
      const list = await gql<{ seizures: { nodes: { id: string }[] } }>(
        url,
        tokens['TG-POLICE'],
        '{ seizures(first: 100, filter: { originator: "GH-CUSTOMS" }) { nodes { id } } }',
      );
      expect(list.data!.seizures.nodes.some((s) => s.id === seizure.id)).toBe(expected['TG-POLICE']);
    }
  });

  it('keeps person identities with the originator; others see role and nationality, redacted', async () => {
    const { seizure } = await report(net, seizureInput());
    expect(seizure.persons).toEqual([{ role: 'driver', nationality: 'GH', name: 'Kwame Asante', documentNumber: 'G1234567', redacted: false }]);
    const other = await gql<{ seizure: { persons: unknown[] } }>(
      url,
      tokens['GH-POLICE'],
      'query($id: ID!) { seizure(id: $id) { persons { role nationality name documentNumber redacted } } }',
      { id: seizure.id },
    );
    expect(other.data!.seizure.persons).toEqual([{ role: 'driver', nationality: 'GH', name: null, documentNumber: null, redacted: true }]);
  });

  it('answers serial checks under policy on both sides, and notifies the holder every time', async () => {
    const serial = (s: string) => [{ kind: 'WEAPON', category: 'ASSAULT_RIFLE', manufacturer: 'Kalashnikov Concern', countryOfManufacture: 'RU', serialNumber: s }];
    const green = await report(net, seizureInput({ items: serial('KC-770011'), handling: { tlp: 'GREEN' } }));
    const amber = await report(net, seizureInput({ items: serial('KC-770022'), handling: { tlp: 'AMBER' } }));
    const red = await report(net, seizureInput({ items: serial('KC-770033'), handling: { tlp: 'RED' } }));
    const check = async (s: string) =>
      (
        await gql<{ serialCheck: { holder: { id: string }; recordId: string | null }[] }>(
          url,
          tokens['TG-POLICE'],
          `{ serialCheck(manufacturer: "kalashnikov concern", serialNumber: "${s}") { holder { id } recordId } }`,
        )
      ).data!.serialCheck;
    expect(await check('kc 770011')).toEqual([{ holder: { id: 'GH-CUSTOMS' }, recordId: green.seizure.id }]);
    expect(await check('KC770022')).toEqual([{ holder: { id: 'GH-CUSTOMS' }, recordId: null }]);
    expect(await check('KC-770033')).toEqual([]);
    const notices = (
      await gql<{ hitsOnMyRecords: { nodes: { recordId: string; queriedBy: { id: string } }[] } }>(
        url,
        tokens['GH-CUSTOMS'],
        '{ hitsOnMyRecords(first: 500) { nodes { recordId queriedBy { id } at count } } }',
      )
    ).data!.hitsOnMyRecords.nodes;
    for (const id of [green.seizure.id, amber.seizure.id, red.seizure.id]) {
      expect(
        notices.some((x) => x.recordId === id && x.queriedBy.id === 'TG-POLICE'),
        id,
      ).toBe(true);
    }
  });
});

describe('audit of reads (invariant 6)', () => {
  it('records every read of a shared record by another agency, and shows the originator who read what and when', async () => {
    const { seizure } = await report(net, seizureInput({ handling: { tlp: 'AMBER' } }));
    const read = (agency: string) => gql(url, tokens[agency], 'query($id: ID!) { seizure(id: $id) { id } }', { id: seizure.id });
    await read('GH-POLICE');
    await read('GH-POLICE'); // the same officer again within a minute: one read
    await read('GH-BORDER');
    await read('TG-POLICE'); // AMBER: not allowed, so nothing was read
    await read('GH-CUSTOMS'); // the originator reading its own record is not sharing
    const reads = await gql<{ readsOfMyRecords: { recordId: string; reader: { id: string }; readerSubject: string; at: string }[] }>(
      url,
      tokens['GH-CUSTOMS'],
      'query($id: ID) { readsOfMyRecords(recordId: $id) { recordId reader { id } readerSubject at } }',
      { id: seizure.id },
    );
    expect(reads.data!.readsOfMyRecords.map((r) => r.reader.id)).toEqual(['GH-BORDER', 'GH-POLICE']);
    expect(reads.data!.readsOfMyRecords[1]?.readerSubject).toBe('dev-officer@gh-police');
    // nobody else sees GH-CUSTOMS' audit trail
    const other = await gql<{ readsOfMyRecords: unknown[] }>(url, tokens['GH-POLICE'], 'query($id: ID) { readsOfMyRecords(recordId: $id) { recordId } }', { id: seizure.id });
    expect(other.data!.readsOfMyRecords).toEqual([]);
  });
});
