export { authPlugin, type AuthOptions } from './auth';
export { buildGraphqlService, DateTimeScalar, type GraphqlServiceOptions, type RequestContext } from './buildService';
export { ForbiddenError, UnauthenticatedError, toGraphQLError, type PublicErrorCode } from './graphqlErrors';
export { fetchTrustRegistry } from './registryClient';
export { sharedValueTypesSdl } from './sharedSdl';
export type { FastifyInstance } from 'fastify';
export { runMain, serveUntilStopped } from './serve';
