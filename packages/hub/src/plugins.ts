import fp from 'fastify-plugin';
import type { HubPolicy } from './access';
import type { ReadAudit } from './audit';
import type { VisibilityIndex } from './visibility';

declare module 'fastify' {
  interface FastifyInstance {
    /** The access policy every read path of the hub asks (access.ts). */
    hubPolicy: HubPolicy;
    /** The read audit (audit.ts). */
    readAudit: ReadAudit;
  }
}

/**
 * The access policy, as a named plugin: before a request's resolvers run,
 * the visibility index is brought up to the policy in force (a registry
 * refresh or new agreements), so a change is applied before a request
 * starts rather than inside its first resolver. (A refresh that lands while
 * a request waits on another service is applied by the next read.)
 */
export const policyPlugin = fp<{ visibility: VisibilityIndex }>(
  (app, opts, done) => {
    app.decorate('hubPolicy', opts.visibility.policy);
    app.graphql.addHook('preExecution', () => {
      opts.visibility.ensureCurrent();
    });
    done();
  },
  { name: 'tb-hub-policy', dependencies: ['mercurius'] },
);

/**
 * The read audit (invariant 6), as a named plugin: the reads a request
 * noted are written once it has resolved, before the answer leaves the hub.
 */
export const readAuditPlugin = fp<{ audit: ReadAudit }>(
  (app, opts, done) => {
    app.decorate('readAudit', opts.audit);
    app.graphql.addHook('onResolution', async (_execution, context) => {
      await opts.audit.flushGrouped(context);
    });
    done();
  },
  { name: 'tb-read-audit', dependencies: ['mercurius', 'tb-hub-policy'] },
);
