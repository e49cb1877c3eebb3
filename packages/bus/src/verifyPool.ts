import { Worker } from 'node:worker_threads';
import type { TrustRegistry } from '@tracebridge/identity';
import type { Logger } from './logger';
import { verifyMessage, type Verified } from './verifyMessage';
import type { VerifierReply, VerifierRequest } from './verifyWorker';

export interface MessageToVerify {
  subject: string;
  data: Uint8Array;
}

/** Verifies messages on `threads` worker threads (signature checks are the consumer's heaviest work), or inline with none. */
export interface VerifyPool {
  verify(messages: readonly MessageToVerify[], registry: TrustRegistry): Promise<Verified[]>;
  close(): Promise<void>;
}

/** Below this, a batch is verified on the calling thread: a round trip to a worker costs more than it saves. */
const INLINE_BELOW = 8;

interface Thread {
  worker: Worker;
  waiting: Map<number, (r: Verified[]) => void>;
  registry: TrustRegistry | undefined;
}

/**
 * A pool of verifier threads. Each thread holds the trust registry it was
 * last sent (sent again whenever the consumer's registry object changes);
 * a batch is cut into one slice per thread and the results come back in
 * the batch's order. A thread that fails takes the pool back to inline
 * verification, logged: slower, never wrong.
 */
export function createVerifyPool(threads: number, logger?: Logger): VerifyPool {
  const inline = (messages: readonly MessageToVerify[], registry: TrustRegistry): Promise<Verified[]> =>
    Promise.resolve(messages.map((m) => verifyMessage(m.subject, m.data, registry)));
  if (threads <= 0) return { verify: inline, close: () => Promise.resolve() };

  let broken = false;
  let nextId = 0;
  const pool: Thread[] = Array.from({ length: threads }, () => {
    // The entry registers the TypeScript loader in the thread (verifyWorkerEntry.mjs).
    const worker = new Worker(new URL('./verifyWorkerEntry.mjs', import.meta.url));
    const thread: Thread = { worker, waiting: new Map(), registry: undefined };
    worker.on('message', (reply: VerifierReply) => {
      thread.waiting.get(reply.id)?.(reply.results);
      thread.waiting.delete(reply.id);
    });
    worker.on('error', (err) => {
      if (!broken) logger?.warn({ err }, 'a signature verifier thread failed; verifying on the consumer thread from now on');
      broken = true;
      for (const resolve of thread.waiting.values()) resolve([]);
      thread.waiting.clear();
    });
    return thread;
  });

  const decoder = new TextDecoder();
  const onThread = (t: Thread, slice: MessageToVerify[], registry: TrustRegistry): Promise<Verified[]> => {
    // Text, not the bytes: a message's bytes may be a view on the connection's whole read buffer, which a post would copy entire.
    const messages = slice.map((m) => ({ subject: m.subject, data: decoder.decode(m.data) }));
    if (t.registry !== registry) {
      t.worker.postMessage({ kind: 'registry', records: registry.agencies() } satisfies VerifierRequest);
      t.registry = registry;
    }
    const id = nextId++;
    return new Promise<Verified[]>((resolve) => {
      t.waiting.set(id, resolve);
      t.worker.postMessage({ kind: 'verify', id, messages } satisfies VerifierRequest);
    });
  };

  return {
    verify: async (messages, registry) => {
      if (broken || messages.length < INLINE_BELOW) return inline(messages, registry);
      const size = Math.ceil(messages.length / pool.length);
      const slices = pool.map((t, i) => onThread(t, messages.slice(i * size, (i + 1) * size), registry));
      const results = (await Promise.all(slices)).flat();
      // A thread that failed mid-batch answered short: verify the whole batch here instead.
      return results.length === messages.length ? results : inline(messages, registry);
    },
    close: async () => {
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
