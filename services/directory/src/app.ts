import type { AgencyRecord, ServiceRecord } from '@tracebridge/contracts';
import { createTrustRegistry, signRegistry, type SigningKey } from '@tracebridge/identity';
import { buildGraphqlService, sharedValueTypesSdl, type FastifyInstance, type RequestContext } from '@tracebridge/server';

const schema = /* GraphQL */ `
  ${sharedValueTypesSdl}

  "Who is asking, as their verified token says."
  type Me {
    "The officer's agency."
    agency: Agency!
    "The agency's state, ISO 3166-1 alpha-2."
    state: String!
    "CUSTOMS, POLICE, BORDER or LIAISON."
    kind: String!
    "What the officer may do: REPORTING_OFFICER, ANALYST, LIAISON_OFFICER, AGENCY_ADMIN (within what the agency's kind may hold)."
    roles: [String!]!
    "The officer's id at their agency."
    subject: String!
  }

  extend type Query {
    "Every agency of the network."
    agencies: [Agency!]!
    "The caller."
    me: Me!
  }
`;

const toAgency = (a: AgencyRecord) => ({ id: a.id, country: a.state, kind: a.kind, name: a.name });

export interface DirectoryOptions {
  agencies: AgencyRecord[];
  services: ServiceRecord[];
  /** The key the registry is signed with; every service pins its public half. */
  registryKey: SigningKey;
  /** How long a signed registry is valid; the directory signs a fresh one every `validForMs / 24`. @default 24 hours */
  validForMs?: number;
  /** @default () => new Date() */
  clock?: () => Date;
}

/** The directory: GraphQL for people, GET /registry (public keys only, signed) for services. */
export async function buildDirectory(opts: DirectoryOptions): Promise<FastifyInstance> {
  const records = opts.agencies;
  const clock = opts.clock ?? (() => new Date());
  const validForMs = opts.validForMs ?? 24 * 3600_000;
  const registry = createTrustRegistry(records, opts.services, clock().toISOString());
  // Signed afresh well before each one expires, so a registry served back from the past is soon refused everywhere.
  const sign = (): Promise<string> => {
    const now = clock();
    return signRegistry(
      { issuedAt: now.toISOString(), validUntil: new Date(now.getTime() + validForMs).toISOString(), agencies: records, services: opts.services },
      opts.registryKey,
    );
  };
  let signed = await sign();
  const resign = setInterval(() => void sign().then((s) => (signed = s)), Math.max(1000, validForMs / 24));
  resign.unref();
  const app = await buildGraphqlService({
    name: 'directory',
    schema,
    registry: () => registry,
    publicRoutes: ['/registry'],
    resolvers: {
      Query: {
        agencies: () => records.map(toAgency),
        me: (_root: unknown, _args: unknown, ctx: RequestContext) => {
          const a = registry.agency(ctx.officer.agency)!;
          return { agency: toAgency(a), state: a.state, kind: a.kind, roles: ctx.officer.roles, subject: ctx.officer.subject };
        },
      },
    },
  });
  // Public keys are public; the signature is what services trust, not this port.
  app.get('/registry', (_req, reply) => reply.type('application/jose').send(signed));
  app.addHook('onClose', () => clearInterval(resign));
  return app;
}
