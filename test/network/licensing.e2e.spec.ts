import { randomUUID } from 'node:crypto';
/**
 * The licensing service, the agency service of the LICENSING agencies (the
 * brokering licensing authorities, ADR 12), as `npm start` runs it: its own
 * process, subgraph, trust-registry record and bus identity; the demo
 * registers seeded through the hub; the registry read and kept, and a
 * report checked against it, through the gateway.
 */
import { join } from 'node:path';
import { REVOKED_DEMO_BROKER } from '@tracebridge/demo-data';
import { seedBrokers } from '@tracebridge/network';
import { loadOrCreateDirectoryKey, verifyRegistry } from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';

let net: TestNetwork;
let seeded: number;

beforeAll(async () => {
  net = await startTestNetwork('tb-licensing-');
  seeded = await seedBrokers(net.network);
}, 120_000);

afterAll(async () => {
  await net?.close();
});

type Brokers = { brokers: { nodes: { id: string; name: string; state: string; status: string; licences: { category: string }[] }[]; totalCount: number } };
const LIST = '{ brokers(first: 100) { nodes { id name state status licences { category } } totalCount } }';

describe('the licensing service in the network', () => {
  it('runs as a process of its own, in the signed trust registry as the service hosting GH-LICENSING and TG-LICENSING', async () => {
    expect(net.network.processes.get('licensing')?.output()).toContain(`licensing ready on ${net.network.ports.licensing}`);
    const jws = await (await fetch(`http://127.0.0.1:${net.network.ports.directory}/registry`)).text();
    const registry = await verifyRegistry(jws, (await loadOrCreateDirectoryKey(join(net.dir.path, 'dev-keys'))).publicJwk);
    expect(registry.service('licensing')).toMatchObject({ kind: 'AGENCY_SERVICE', agencies: ['GH-LICENSING', 'TG-LICENSING'] });
    const r = await gql(net.url, net.tokens['GH-LICENSING'], '{ licensingAgencies me { agency { id kind } } }');
    expect(r.data).toEqual({ licensingAgencies: ['GH-LICENSING', 'TG-LICENSING'], me: { agency: { id: 'GH-LICENSING', kind: 'LICENSING' } } });
  });

  it('seeds the demo registers once, through the hub: every status there, read by any officer of the network', async () => {
    expect(seeded).toBe(6);
    expect(await seedBrokers(net.network)).toBe(0);
    const r = await gql<Brokers>(net.url, net.tokens['BF-BORDER'], LIST);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const { nodes, totalCount } = r.data!.brokers;
    expect(totalCount).toBe(6);
    expect(new Set(nodes.map((n) => n.state))).toEqual(new Set(['GH', 'TG']));
    expect(nodes.map((n) => n.status).sort()).toEqual(['REGISTERED', 'REGISTERED', 'REVOKED', 'REVOKED', 'SUSPENDED', 'SUSPENDED']);
    const revoked = nodes.find((n) => n.name === REVOKED_DEMO_BROKER.name);
    expect(revoked).toMatchObject({ status: 'REVOKED', licences: [{ category: 'ASSAULT_RIFLE' }] });
  });

  it('is kept by licensing officers through the gateway, and checked at report time', async () => {
    const register =
      '{ registerBroker(input: { name: "Tamale Cargo Agents", registrationNumber: "GH-BR-2026-0500", activities: [TRANSPORT], validUntil: "2099-01-01T00:00:00Z" }) { id status registeredBy { id } } }';
    const refused = await gql(net.url, net.tokens['GH-CUSTOMS'], `mutation ${register}`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const made = await gql<{ registerBroker: { id: string; status: string; registeredBy: { id: string } } }>(net.url, net.tokens['GH-LICENSING'], `mutation ${register}`);
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    expect(made.data!.registerBroker).toMatchObject({ status: 'REGISTERED', registeredBy: { id: 'GH-LICENSING' } });

    const report = await gql<{ reportCustomsSeizure: { warnings: { code: string; message: string }[] } }>(
      net.url,
      net.tokens['GH-CUSTOMS'],
      `mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { warnings { code message } } }`,
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: new Date().toISOString(),
          location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
          route: { origin: 'BG', transit: ['TG'], destination: 'GH' },
          items: [{ kind: 'WEAPON', category: 'ASSAULT_RIFLE', manufacturer: 'Arsenal', serialNumber: 'LIC-E2E-1' }],
          brokers: [REVOKED_DEMO_BROKER, { name: 'Tamale Cargo Agents', state: 'GH' }],
          handling: { tlp: 'GREEN' },
        },
      },
    );
    expect(report.errors, JSON.stringify(report.errors)).toBeUndefined();
    const codes = report.data!.reportCustomsSeizure.warnings.map((w) => w.code).filter((c) => c.startsWith('BROKER_'));
    expect(codes).toEqual(['BROKER_REVOKED', 'BROKER_LICENCE_MISSING']);
  });
});
