import type { AgencyRecord } from '@tracebridge/contracts';
import { createTrustRegistry } from '@tracebridge/identity';
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
    "OFFICER, ANALYST, LIAISON_OFFICER, NATIONAL_CONTACT or ADMIN."
    role: String!
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

/** The directory: GraphQL for people, GET /registry (public keys only) for services. */
export async function buildDirectory(records: AgencyRecord[]): Promise<FastifyInstance> {
  const registry = createTrustRegistry(records);
  const app = await buildGraphqlService({
    name: 'directory',
    schema,
    registry: () => registry,
    resolvers: {
      Query: {
        agencies: () => records.map(toAgency),
        me: (_root: unknown, _args: unknown, ctx: RequestContext) => {
          const a = registry.agency(ctx.officer.agency)!;
          return { agency: toAgency(a), state: a.state, kind: a.kind, role: ctx.officer.role, subject: ctx.officer.subject };
        },
      },
    },
  });
  // Public keys are public: services fetch them here to verify tokens and event signatures.
  app.get('/registry', () => ({ agencies: records }));
  return app;
}
