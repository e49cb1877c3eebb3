import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';
import { createAnalysisScenario, demoBrokers, type ScenarioSeizure } from '@tracebridge/demo-data';
import type { Network } from './network';

/** Plainly invented names for the demo's linked persons. */
const NAMES = ['Demo Person A', 'Demo Person B', 'Demo Person C', 'Demo Person D', 'Demo Person E'];

const mutationFor = {
  CUSTOMS: ['reportCustomsSeizure', 'CustomsSeizureInput', 'customs'],
  POLICE: ['reportPoliceRecovery', 'PoliceRecoveryInput', 'police'],
  BORDER: ['reportBorderInterdiction', 'BorderInterdictionInput', 'border'],
} as const;

/** A generated seizure as the form an officer of its agency fills in. */
export function toReportInput(s: ScenarioSeizure, i: number): Record<string, unknown> {
  const { details, items, persons, route, location, context, concealment, conveyance, documents, brokers } = s.data;
  const { form, ...formFields } = details;
  void form;
  return {
    clientReference: `SEED-${i}`,
    occurredAt: s.occurredAt,
    location,
    ...(route ? { route } : {}),
    ...(context ? { context } : {}),
    ...(concealment ? { concealment } : {}),
    items: items.map(({ itemId, serial, importMarking, ...item }) => {
      void itemId;
      return { ...item, ...(serial ? { serialNumber: serial.asRead } : {}), ...(importMarking?.text ? { importMarking: importMarking.text } : {}) };
    }),
    ...(conveyance ? { conveyance } : {}),
    ...(documents?.length ? { documents } : {}),
    ...(brokers?.length ? { brokers } : {}),
    persons: (persons ?? []).map((p, k) => ({
      role: p.role,
      ...(s.identities?.[k] ?? { name: NAMES[(i + k) % NAMES.length]! }),
      ...(p.nationality ? { nationality: p.nationality } : {}),
    })),
    handling: { tlp: s.handling.tlp, code: s.handling.code, reliability: s.handling.reliability, accuracy: s.handling.accuracy, releasableTo: s.handling.releasableTo },
    ...formFields,
  };
}

/**
 * Report `count` generated seizures through the agency services, as their
 * officers would, once per data directory (clientReferences make a repeat
 * harmless anyway).
 */
export async function seedNetwork(network: Network, count: number, seed = 2026): Promise<number> {
  const marker = join(network.dataDir, 'seeded');
  if (existsSync(marker)) return 0;
  const keys = await loadOrCreateDevKeys(join(network.dataDir, 'dev-keys'));
  const tokens = new Map(await Promise.all(keys.map(async (k) => [k.agency.id, await mintDevToken(k)] as const)));
  // The generated seizures with what links them and the planted patterns (two dominant corridors, links, a diverted lot).
  const { seizures } = createAnalysisScenario(seed, count);
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < seizures.length) {
      const i = next++;
      const s = seizures[i]!;
      const [mutation, inputType, service] = mutationFor[s.data.details.form];
      const res = await fetch(`http://127.0.0.1:${network.ports[service]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(s.originator.agency)}` },
        body: JSON.stringify({ query: `mutation($i: ${inputType}!) { ${mutation}(input: $i) { warnings { code } } }`, variables: { i: toReportInput(s, i) } }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (failed > 0) throw new Error(`${failed} of ${count} generated seizures were refused`);
  writeFileSync(marker, new Date().toISOString());
  return count;
}

/** One GraphQL request to the hub as a demo agency's officer; the data, or the errors thrown. */
async function hubRequest(network: Network, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, { id: string }>> {
  const res = await fetch(`http://127.0.0.1:${network.ports.liaison}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`the hub refused a demo broker: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Register the demo brokers (packages/demo-data, ADR 12) through the hub's
 * mutations, as each licensing authority's officer would, once per data
 * directory: licences first, then the suspension or revocation.
 */
export async function seedBrokers(network: Network, now = new Date()): Promise<number> {
  const marker = join(network.dataDir, 'seeded-brokers');
  if (existsSync(marker)) return 0;
  const keys = await loadOrCreateDevKeys(join(network.dataDir, 'dev-keys'));
  const brokers = demoBrokers(now);
  for (const b of brokers) {
    const token = await mintDevToken(keys.find((k) => k.agency.id === b.authority)!);
    const ask = (query: string, variables: Record<string, unknown>) => hubRequest(network, token, query, variables);
    const { registerBroker } = await ask('mutation($i: RegisterBrokerInput!) { registerBroker(input: $i) { id } }', { i: b.registration });
    const brokerId = registerBroker!.id;
    for (const l of b.licences) await ask('mutation($i: BrokeringLicenceInput!) { grantBrokeringLicence(input: $i) { id } }', { i: { ...l, brokerId } });
    if (b.then)
      await ask(`mutation($id: ID!, $r: String!) { ${b.then.act === 'SUSPEND' ? 'suspendBroker' : 'revokeBroker'}(id: $id, reason: $r) { id } }`, {
        id: brokerId,
        r: b.then.reason,
      });
  }
  writeFileSync(marker, now.toISOString());
  return brokers.length;
}
