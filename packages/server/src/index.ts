export { asksOnlyForServiceSdl, authPlugin, type AuthOptions } from './auth';
export { buildGraphqlService, DateTimeScalar, type GraphqlServiceOptions, type RequestContext } from './buildService';
export { ForbiddenError, requireRole, UnauthenticatedError, toGraphQLError, type PublicErrorCode } from './graphqlErrors';
export { DirectoryConfig, fetchTrustRegistry, type RegistryHandle } from './registryClient';
export { sharedValueTypesSdl } from './sharedSdl';
export type { FastifyInstance } from 'fastify';
export { runMain, serveUntilStopped } from './serve';
