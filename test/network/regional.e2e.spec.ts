/**
 * The regional service, the agency service of the LIAISON agencies (ADR 6,
 * ADR 9), as the network runs it: its own process, subgraph, trust-registry
 * record, bus identity and relay. (`liaison` is the hub; this is not it.)
 */
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM } from '@tracebridge/bus';
import { subjectFor } from '@tracebridge/contracts';
import { envelopeToEvent, getSqliteEventStore } from '@tracebridge/eventstore';
import { loadOrCreateDevKeys, loadOrCreateDirectoryKey, verifyRegistry } from '@tracebridge/identity';
import { signedCaseOpened } from '@tracebridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOperator } from '../support/bus';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';

let net: TestNetwork;
let operator: NatsConnection;

beforeAll(async () => {
  net = await startTestNetwork('tb-regional-');
  operator = await connectOperator(net);
}, 120_000);

afterAll(async () => {
  await operator?.close();
  await net?.close();
});

describe('the regional service in the network', () => {
  it('runs as a process of its own, beside the hub', () => {
    expect(net.network.processes.get('regional')?.output()).toContain(`regional ready on ${net.network.ports.regional}`);
    expect(net.network.ports.regional).not.toBe(net.network.ports.liaison);
  });

  it('is composed by the gateway: a WA-LIAISON officer lists the liaison points, in one query with other subgraphs', async () => {
    const r = await gql(net.url, net.tokens['WA-LIAISON'], '{ liaisonAgencies customsAgencies me { agency { id } } }');
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data).toEqual({ liaisonAgencies: ['WA-LIAISON'], customsAgencies: ['GH-CUSTOMS', 'TG-CUSTOMS'], me: { agency: { id: 'WA-LIAISON' } } });
    // Its subgraph checks the officer itself, as every subgraph does.
    expect((await gql(`http://127.0.0.1:${net.network.ports.regional}/graphql`, undefined, '{ liaisonAgencies }')).status).toBe(401);
  });

  it('is in the signed trust registry as the agency service hosting WA-LIAISON', async () => {
    const jws = await (await fetch(`http://127.0.0.1:${net.network.ports.directory}/registry`)).text();
    const directoryKey = await loadOrCreateDirectoryKey(join(net.dir.path, 'dev-keys'));
    const registry = await verifyRegistry(jws, directoryKey.publicJwk);
    expect(registry.service('regional')).toMatchObject({ id: 'regional', kind: 'AGENCY_SERVICE', agencies: ['WA-LIAISON'] });
    expect(registry.service('liaison')).toMatchObject({ kind: 'HUB', agencies: [] });
  });

  it('relays what WA-LIAISON’s store holds to the bus, with its own bus identity, after a restart', async () => {
    const keys = await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'));
    const opened = await signedCaseOpened(keys.find((k) => k.agency.id === 'WA-LIAISON')!);
    // Written while the service is stopped, as its case handlers will: its relay publishes it once it runs again.
    await net.network.processes.get('regional')!.kill('SIGTERM');
    const store = getSqliteEventStore(join(net.dir.path, 'wa-liaison.db'));
    try {
      await store.appendToStream(opened.streamId, [envelopeToEvent(opened)], { expectedRevision: 'no_stream' });
    } finally {
      await store.close();
    }
    await net.network.start('regional');
    const jsm = await jetstreamManager(operator);
    const onBus = async () => (await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: subjectFor('WA-LIAISON', 'CaseOpened') }))?.json<{ id: string }>();
    await until(async () => (await onBus())?.id === opened.id, 30_000, 'the regional relay to publish the case');
    expect(await onBus()).toEqual(opened);
  });
});
