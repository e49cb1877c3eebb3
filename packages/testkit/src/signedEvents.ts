import { createUnsignedEnvelope, newId, type SignedEnvelope } from '@tracebridge/contracts';
import { signEvent, type AgencyKeys, type SigningKey } from '@tracebridge/identity';
import type { GeneratedSeizure, SeizureGenerator } from '@tracebridge/demo-data';

/** A generated seizure as its originator's service would write it: a SeizureReported signed with `key` (recorded at `recordedAt`, else when it occurred). */
export function signedSeizure(s: GeneratedSeizure, key: SigningKey, recordedAt = s.occurredAt): Promise<SignedEnvelope> {
  const unsigned = createUnsignedEnvelope({
    type: 'SeizureReported',
    streamId: `seizure-${s.data.seizureId}`,
    originator: s.originator,
    handling: s.handling,
    occurredAt: s.occurredAt,
    recordedAt,
    data: s.data,
  });
  return signEvent(unsigned, key);
}

/**
 * `count` SeizureReported events from the generator, each signed by its
 * originator's event key, as an agency service would write them.
 */
export async function signedSeizures(generator: SeizureGenerator, keys: readonly AgencyKeys[], count: number, recordedAt = new Date()): Promise<SignedEnvelope[]> {
  const byAgency = new Map(keys.map((k) => [k.agency.id, k]));
  const out: SignedEnvelope[] = [];
  for (let i = 0; i < count; i++) {
    const s = generator.next();
    const k = byAgency.get(s.originator.agency);
    if (!k) throw new Error(`no keys for ${s.originator.agency}`);
    out.push(await signedSeizure(s, k.eventKey, recordedAt.toISOString()));
  }
  return out;
}

/**
 * A `CaseOpened` of the agency whose keys these are, signed as its service
 * would write it: an event of an agency that reports no seizures (a
 * regional liaison point opens cases).
 */
export async function signedCaseOpened(keys: AgencyKeys, title = 'Cross-border pistol trafficking (test)', recordedAt = new Date()): Promise<SignedEnvelope> {
  const caseId = newId();
  const unsigned = createUnsignedEnvelope({
    type: 'CaseOpened',
    streamId: `case-${caseId}`,
    originator: { agency: keys.agency.id, state: keys.agency.state },
    handling: { tlp: 'AMBER' },
    occurredAt: recordedAt.toISOString(),
    recordedAt: recordedAt.toISOString(),
    data: { caseId, title, summary: 'Opened by a test.' },
  });
  return signEvent(unsigned, keys.eventKey);
}
