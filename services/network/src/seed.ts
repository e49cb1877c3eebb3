import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@tracebridge/identity';
import { createAnalysisScenario, type ScenarioSeizure } from '@tracebridge/demo-data';
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
