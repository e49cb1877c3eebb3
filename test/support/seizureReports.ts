import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { gql } from './graphql';
import type { TestNetwork } from './network';

/** A customs seizure report, asking back what the network tests check: the record as its originator sees it, hits and warnings. */
export const REPORT = /* GraphQL */ `
  mutation Report($i: CustomsSeizureInput!) {
    reportCustomsSeizure(input: $i) {
      seizure { id originator { id country kind } handling { tlp releasableTo } persons { role nationality name documentNumber redacted } items { serialNumber serialNormalised } }
      hits { holder { id country kind } recordId recordKind manufacturer serialNumber }
      warnings { code message }
    }
  }
`;

let n = 0;
/** A valid customs seizure at Tema port, with a serial and a clientReference of its own (as a form generates one); `over` replaces whole fields. */
export const seizureInput = (over: Record<string, unknown> = {}) => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  route: { origin: 'TR', transit: ['TG'], destination: 'GH' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `E2E-${Date.now()}-${++n}` }],
  persons: [{ role: 'driver', name: 'Kwame Asante', nationality: 'GH', documentNumber: 'G1234567' }],
  handling: { tlp: 'GREEN' },
  ...over,
});

interface Report {
  reportCustomsSeizure: {
    seizure: { id: string; persons: { name: string | null; redacted: boolean }[] };
    hits: { holder: { id: string }; recordId: string | null }[];
    warnings: { code: string }[];
  };
}

/** Reports a customs seizure through the gateway as `as` (a demo agency), and expects no errors. */
export const report = async (net: TestNetwork, input: Record<string, unknown>, as = 'GH-CUSTOMS') => {
  const r = await gql<Report>(net.url, net.tokens[as], REPORT, { i: input });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.reportCustomsSeizure;
};

/** Whether `agency` sees the seizure `id` through the gateway (a hidden record and an absent one answer alike: null). */
export const canSee = async (net: TestNetwork, agency: string, id: string): Promise<boolean> => {
  const r = await gql<{ seizure: { id: string } | null }>(net.url, net.tokens[agency], 'query($id: ID!) { seizure(id: $id) { id } }', { id });
  expect(r.errors).toBeUndefined();
  return r.data!.seizure !== null;
};
