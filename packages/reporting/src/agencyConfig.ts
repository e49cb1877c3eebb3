import { DirectoryConfig } from '@tracebridge/server';
import { z } from 'zod';
import { AGENCY_SERVICE_NAMES, type AgencyServiceKind } from './agencyKinds';
import { EventStoreSetting } from './agencyStorage';

const agencyConfigSchema = (kind: AgencyServiceKind, defaults: { port: number; agencies: string }) =>
  DirectoryConfig.extend({
    TB_PORT: z.coerce.number().int().min(1).max(65535).default(defaults.port),
    TB_HOST: z.string().default('127.0.0.1'),
    TB_DATA_DIR: z.string().default('.data'),
    TB_NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    /** This service's id in the trust registry. @default the kind's service name (`customs`, `police`, `border`, `regional`) */
    TB_SERVICE_ID: z.string().default(AGENCY_SERVICE_NAMES[kind]),
    /** Comma-separated agencies recorded by this service, each in its own store. */
    TB_AGENCIES: z.string().default(defaults.agencies),
    /** Where the agencies' events are kept: `sqlite` (default) or a KurrentDB connection string. */
    TB_EVENT_STORE: EventStoreSetting,
    TB_EMBARGO_FILE: z.string().min(1).optional(),
    /** How often the stores of an agency that did not open (a corrupt or unreadable file) are tried again; the other agencies serve meanwhile. @default 10000 */
    TB_STORE_RETRY_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
    TB_DEV_MODE: z.enum(['0', '1']).default('0'),
    /** This service's NATS nkey seed file (the launcher creates it); the bus refuses anonymous connections. */
    TB_NATS_SEED: z.string().min(1),
  });
export type AgencyConfig = z.infer<ReturnType<typeof agencyConfigSchema>>;

/** The agency service's configuration from the environment, validated: a bad setting stops start-up with a message per variable. */
export function loadAgencyConfig(kind: AgencyServiceKind, defaults: { port: number; agencies: string }, env: NodeJS.ProcessEnv = process.env): AgencyConfig {
  const r = agencyConfigSchema(kind, defaults).safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid ${AGENCY_SERVICE_NAMES[kind]} service configuration:\n${lines}`);
  }
  return r.data;
}
