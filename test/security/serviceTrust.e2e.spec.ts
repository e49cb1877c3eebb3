import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  devAgencyRecords,
  generateSigningKey,
  loadOrCreateDevKeys,
  loadOrCreateDevServiceRecords,
  loadOrCreateDirectoryKey,
  mintOfficerToken,
  signRegistry,
  type AgencyKeys,
} from '@tracebridge/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIdentity, connectOperator } from '../support/bus';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
import { customsInput, reportSeizure } from '../support/security';

let net: TestNetwork;
let keys: AgencyKeys[];
let nc: NatsConnection;

beforeAll(async () => {
  // Registries are fetched again every 300 ms here, so a forged one would be believed within a second.
  net = await startTestNetwork('tb-sec-trust-', undefined, { TB_REGISTRY_REFRESH_MS: '300' });
  keys = await loadOrCreateDevKeys(join(net.dir.path, 'dev-keys'));
  nc = await connectOperator(net);
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await net?.close();
});

const personsOf = async (id: string, token: string | undefined) =>
  (await gql<{ seizure: { persons: { name: string | null; redacted: boolean }[] } }>(net.url, token, `{ seizure(id: "${id}") { persons { name documentNumber redacted } } }`)).data
    ?.seizure.persons;

/**
 * A hostile process holding a service's own bus identity, in that service's real
 * queue group: NATS hands it a share of the requests, and it answers them with
 * `answer`, unsigned.
 */
async function impostor(identity: 'customs' | 'liaison', subject: string, queue: string, answer: unknown) {
  const thief = await connectIdentity(net, identity);
  let answered = 0;
  const sub = thief.subscribe(subject, {
    queue,
    callback: (_e, m) => {
      answered += 1;
      m.respond(JSON.stringify(answer));
    },
  });
  await thief.flush();
  return {
    answered: () => answered,
    stop: async () => {
      sub.unsubscribe();
      await thief.close();
    },
  };
}

describe('finding 3: no bearer token or person identity readable on the bus; replies authenticated', () => {
  it('puts neither the officer’s token nor the person’s identity on any subject', async () => {
    // Every account's view at once, with the widest access each identity has: the events in the
    // operator's account, the RPCs and every reply as the hub and the customs service see them.
    const seen: string[] = [];
    const record = (_e: unknown, m: { subject: string; string: () => string }): void => void seen.push(`${m.subject} ${m.string()}`);
    const hub = await connectIdentity(net, 'liaison');
    const customs = await connectIdentity(net, 'customs');
    const subs = [
      nc.subscribe('>', { callback: record }),
      hub.subscribe('tb.rpc.liaison.serial-check', { callback: record }),
      hub.subscribe('_INBOX_liaison.>', { callback: record }),
      customs.subscribe('tb.rpc.GH-CUSTOMS.persons', { callback: record }),
      customs.subscribe('_INBOX_customs.>', { callback: record }),
    ];
    await Promise.all([nc.flush(), hub.flush(), customs.flush()]);
    const token = net.tokens['GH-CUSTOMS']!;
    const { id } = await reportSeizure(net.url, token, customsInput({ handling: { tlp: 'AMBER' } }));
    expect(await personsOf(id, token)).toEqual([{ name: 'Ama Owusu', documentNumber: 'GH-P-778899', redacted: false }]);
    await until(() => seen.some((s) => s.startsWith('tb.rpc.GH-CUSTOMS.persons')), 5000, 'the persons request on the bus');
    await until(() => seen.some((s) => s.startsWith('_INBOX_liaison.')) && seen.some((s) => s.startsWith('_INBOX_customs.')), 5000, 'both replies on the bus');
    for (const sub of subs) sub.unsubscribe();
    await Promise.all([hub.close(), customs.close()]);
    const all = seen.join('\n');
    expect(all).toContain('tb.rpc.liaison.serial-check');
    expect(all).toContain('tb.v1.GH-CUSTOMS.');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]); // not even the token's signature
    expect(all).not.toContain('Ama Owusu');
    expect(all).not.toContain('GH-P-778899');
  });

  it('refuses an impostor’s answer to the hub: a planted person name never reaches the officer', async () => {
    const token = net.tokens['GH-CUSTOMS']!;
    const { id } = await reportSeizure(net.url, token, customsInput({ handling: { tlp: 'AMBER' } }));
    const fake = await impostor('customs', 'tb.rpc.GH-CUSTOMS.persons', 'persons-GH-CUSTOMS', {
      persons: [{ personRef: 'x', seizureId: id, role: 'driver', name: 'Planted Name' }],
    });
    for (let i = 0; i < 20 && fake.answered() < 3; i++) {
      const persons = await personsOf(id, token);
      expect(JSON.stringify(persons)).not.toContain('Planted');
    }
    await fake.stop();
    expect(fake.answered()).toBeGreaterThan(0);
  });

  it('refuses an impostor’s serial-check answer: real hits are not suppressed or invented', async () => {
    const serial = `TRUST-${Date.now()}`;
    await reportSeizure(
      net.url,
      net.tokens['TG-CUSTOMS'],
      customsInput({ location: { country: 'TG', place: 'Lomé port', kind: 'PORT' }, persons: [], items: [{ kind: 'WEAPON', manufacturer: 'Zastava', serialNumber: serial }] }),
    );
    const fake = await impostor('liaison', 'tb.rpc.liaison.serial-check', 'liaison', { hits: [] });
    const REPORT = 'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { hits { holder { id } } warnings { code } } }';
    for (let i = 0; i < 20 && fake.answered() < 3; i++) {
      const r = await gql<{ reportCustomsSeizure: { hits: { holder: { id: string } }[] } }>(net.url, net.tokens['GH-CUSTOMS'], REPORT, {
        i: customsInput({ persons: [], items: [{ kind: 'WEAPON', manufacturer: 'Zastava', serialNumber: serial }] }),
      });
      const hits = r.data?.reportCustomsSeizure.hits ?? [];
      // The impostor's "no hits" is refused: either the hub's real hit, or no answer at all (HIT_CHECK_UNAVAILABLE), never a forged one.
      if (hits.length === 0) expect(JSON.stringify(r.data)).toContain('HIT_CHECK_UNAVAILABLE');
      else expect(hits.map((h) => h.holder.id)).toContain('TG-CUSTOMS');
    }
    await fake.stop();
    expect(fake.answered()).toBeGreaterThan(0);
  });
});

describe('no bearer token leaves the gateway', () => {
  it('sends a subgraph only a short assertion for that subgraph: a process squatting on its port gets nothing usable', async () => {
    const captured: string[] = [];
    await net.network.processes.get('liaison')!.kill('SIGKILL');
    const squatter = createServer((req, res) => {
      captured.push(req.headers.authorization ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { seizure: null } }));
    });
    await new Promise<void>((r) => squatter.listen(net.network.ports.liaison, '127.0.0.1', () => r()));
    try {
      const token = net.tokens['GH-CUSTOMS']!;
      await gql(net.url, token, '{ seizure(id: "019a0000-0000-7000-8000-000000000001") { id } }');
      await until(() => captured.length > 0, 5000, 'the gateway to ask the squatter');
      const [scheme, assertion] = captured[0]!.split(' ');
      expect(scheme).toBe('TB-Gateway');
      expect(captured.join()).not.toContain(token);
      // Useless anywhere else: not a bearer token at the gateway, and for another subgraph the audience is wrong.
      expect((await gql(net.url, assertion, '{ me { roles } }')).status).toBe(401);
      const customs = await fetch(`http://127.0.0.1:${net.network.ports.customs}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `TB-Gateway ${assertion!}` },
        body: JSON.stringify({ query: '{ customsAgencies }' }),
      });
      expect(customs.status).toBe(401);
    } finally {
      await new Promise((r) => squatter.close(r));
      await net.network.start('liaison');
    }
    // The real hub is back and takes the gateway's assertions again.
    await until(
      async () => (await gql<{ seizure: null }>(net.url, net.tokens['GH-CUSTOMS'], '{ seizure(id: "019a0000-0000-7000-8000-000000000001") { id } }')).status === 200,
      10_000,
      'the hub to answer again',
    );
  });
});

describe('finding 5: the trust registry is believed only when signed by the pinned directory key', () => {
  let fake: Server | undefined;
  afterAll(() => fake?.close());

  it('keeps the last good registry when a process on the directory’s port serves a forged, older or expired one, and takes a properly signed newer one', async () => {
    const devKeys = join(net.dir.path, 'dev-keys');
    const extra = await generateSigningKey('GH-CUSTOMS#tokens-rogue');
    const records = devAgencyRecords(keys).map((a) =>
      a.id === 'GH-CUSTOMS' ? { ...a, tokenKeys: { keys: [...a.tokenKeys.keys, extra.publicJwk as (typeof a.tokenKeys.keys)[number]] } } : a,
    );
    const services = await loadOrCreateDevServiceRecords(devKeys);
    const at = (offsetMs: number, validMs = 3600_000) => ({
      issuedAt: new Date(Date.now() + offsetMs).toISOString(),
      validUntil: new Date(Date.now() + offsetMs + validMs).toISOString(),
    });
    const doc = { ...at(1000), agencies: records, services };
    const rogueToken = await mintOfficerToken(extra, { issuer: `urn:tracebridge:dev-issuer:GH-CUSTOMS`, agency: 'GH-CUSTOMS', subject: 'rogue', roles: ['REPORTING_OFFICER'] });
    const { id: redId } = await reportSeizure(net.url, net.tokens['GH-CUSTOMS'], customsInput({ handling: { tlp: 'RED' } }));

    let body = '';
    let served = 0;
    await net.network.processes.get('directory')!.kill('SIGKILL');
    fake = createServer((_req, res) => {
      served += 1;
      res.end(body);
    });
    await new Promise<void>((r) => fake!.listen(net.network.ports.directory, '127.0.0.1', () => r()));

    const urls = [net.url, `http://127.0.0.1:${net.network.ports.liaison}/graphql`];
    const readAs = (token: string, url: string) => gql<{ seizure: { id: string } | null }>(url, token, `{ seizure(id: "${redId}") { id persons { name } } }`);
    // Five services fetch every 300 ms: 25 fetches is each of them several times over.
    const serveAndWait = async (next: string): Promise<void> => {
      body = next;
      const from = served;
      await until(() => served >= from + 25, 15_000, 'every service to fetch the registry served');
    };
    const directoryKey = await loadOrCreateDirectoryKey(devKeys);
    for (const forged of [JSON.stringify({ agencies: records }), await signRegistry(doc, await generateSigningKey('directory#registry-1'))]) {
      await serveAndWait(forged);
      for (const url of urls) expect((await readAs(rogueToken, url)).status).toBe(401);
    }
    // Positive control: the same change signed by the real directory key is taken within a refresh.
    const withRogue = await signRegistry(doc, directoryKey);
    body = withRogue;
    for (const url of urls) await until(async () => (await readAs(rogueToken, url)).data?.seizure?.id === redId, 10_000, `the signed registry to reach ${url}`);
    // The key is revoked by a newer registry ...
    const revoked = await signRegistry({ ...at(2000), agencies: devAgencyRecords(keys), services }, directoryKey);
    body = revoked;
    for (const url of urls) await until(async () => (await readAs(rogueToken, url)).status === 401, 10_000, `the revocation to reach ${url}`);
    // ... and neither the older registry (properly signed, still valid) nor an expired newer one brings it back.
    await serveAndWait(withRogue);
    for (const url of urls) expect((await readAs(rogueToken, url)).status).toBe(401);
    await serveAndWait(
      await signRegistry({ issuedAt: new Date(Date.now() + 3000).toISOString(), validUntil: new Date(Date.now() - 1000).toISOString(), agencies: records, services }, directoryKey),
    );
    for (const url of urls) expect((await readAs(rogueToken, url)).status).toBe(401);
  });
});
