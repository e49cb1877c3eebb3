import { z } from 'zod';

const RelayConfig = z.object({
  /** The SQLite event-store file to relay. */
  TB_STORE: z.string().min(1),
  /** Comma-separated NATS URLs. */
  TB_NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Checkpoint name: one per relay of a store. */
  TB_RELAY_NAME: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('relay'),
  /** Optional nkey seed file, for a nats-server with authentication (the standalone relay also runs against test servers without it). */
  TB_NATS_SEED: z.string().min(1).optional(),
  TB_RELAY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(256),
});
export type RelayConfig = z.infer<typeof RelayConfig>;

/** Configuration from the environment, validated: a bad setting stops start-up with a clear message. */
export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const r = RelayConfig.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid relay configuration:\n${lines}`);
  }
  return r.data;
}
