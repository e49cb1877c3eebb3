import { parentPort } from 'node:worker_threads';
import type { AgencyRecord } from '@tracebridge/contracts';
import { createTrustRegistry, type TrustRegistry } from '@tracebridge/identity';
import { verifyMessage, type Verified } from './verifyMessage';

/** A verifier thread (verifyPool.ts): the registry it is sent, then batches of messages to verify. */
export type VerifierRequest = { kind: 'registry'; records: AgencyRecord[] } | { kind: 'verify'; id: number; messages: { subject: string; data: string }[] };
export interface VerifierReply {
  id: number;
  results: Verified[];
}

let registry: TrustRegistry = createTrustRegistry([]);
parentPort?.on('message', (req: VerifierRequest) => {
  if (req.kind === 'registry') {
    registry = createTrustRegistry(req.records);
    return;
  }
  const reply: VerifierReply = { id: req.id, results: req.messages.map((m) => verifyMessage(m.subject, m.data, registry)) };
  parentPort!.postMessage(reply);
});
