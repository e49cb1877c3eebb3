import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { Handling, Originator } from '@tracebridge/contracts';
import { cedarSchema, defaultPolicies } from './accessPolicy.cedar';
import type { Viewer } from './releasability';

export interface PolicyRecord {
  originator: Originator;
  handling: Pick<Handling, 'tlp' | 'releasableTo'>;
}

export interface AccessPolicy {
  mayView(record: PolicyRecord, viewer: Viewer): boolean;
  maySeePersonIdentities(record: PolicyRecord, viewer: Viewer): boolean;
  /** Decisions taken by Cedar and answered from the cache, for metrics. */
  stats(): { evaluated: number; cached: number };
}

let instances = 0;

/**
 * The access policy, evaluated by Cedar. The policy set is parsed once;
 * decisions are cached by exactly the attributes the policies read (viewer
 * agency, state and groups; originator agency and state; TLP; releasableTo),
 * so the cache can never answer for a different question.
 * @param extraPolicies more Cedar policies (e.g. an agency's own sharing agreements), added to the defaults
 */
export function createAccessPolicy(options: { extraPolicies?: string; cacheSize?: number } = {}): AccessPolicy {
  const id = `tb-access-${++instances}`;
  const schemaName = `${id}-schema`;
  const parsed = cedar.preparsePolicySet(id, { staticPolicies: defaultPolicies + (options.extraPolicies ?? '') });
  if (parsed.type !== 'success') throw new Error(`access policy does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const schema = cedar.preparseSchema(schemaName, cedarSchema);
  if (schema.type !== 'success') throw new Error(`access policy schema does not parse: ${schema.errors.map((e) => e.message).join('; ')}`);
  const validation = cedar.validate({ schema: cedarSchema, policies: { staticPolicies: defaultPolicies + (options.extraPolicies ?? '') } });
  if (validation.type !== 'success' || validation.validationErrors.length > 0) {
    throw new Error(`access policy does not validate against its schema: ${JSON.stringify(validation.type === 'success' ? validation.validationErrors : validation.errors)}`);
  }

  const maxCache = options.cacheSize ?? 100_000;
  const cache = new Map<string, boolean>();
  let evaluated = 0;
  let cached = 0;

  const decide = (action: 'view' | 'viewPersons', record: PolicyRecord, viewer: Viewer): boolean => {
    const releasable = [...record.handling.releasableTo].sort();
    const groups = [...viewer.groups].sort();
    const key = JSON.stringify([action, viewer.agency, viewer.state, groups, record.originator.agency, record.originator.state, record.handling.tlp, releasable]);
    const hit = cache.get(key);
    if (hit !== undefined) {
      cached += 1;
      return hit;
    }
    const principal = { type: 'Agency', id: viewer.agency };
    const originator = { type: 'Agency', id: record.originator.agency };
    const entities: cedar.EntityJson[] = [
      { uid: principal, attrs: { agencyId: viewer.agency, state: viewer.state, groupIds: groups }, parents: [] },
      {
        uid: { type: 'Record', id: 'r' },
        attrs: { originator: { __entity: originator }, originatorState: record.originator.state, tlp: record.handling.tlp, releasableTo: releasable },
        parents: [],
      },
    ];
    if (originator.id !== principal.id)
      entities.push({ uid: originator, attrs: { agencyId: record.originator.agency, state: record.originator.state, groupIds: [] }, parents: [] });
    const answer = cedar.statefulIsAuthorized({
      principal,
      action: { type: 'Action', id: action },
      resource: { type: 'Record', id: 'r' },
      context: {},
      preparsedPolicySetId: id,
      preparsedSchemaName: schemaName,
      validateRequest: true,
      entities,
    });
    if (answer.type !== 'success') throw new Error(`access policy evaluation failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    const allowed = answer.response.decision === 'allow';
    evaluated += 1;
    if (cache.size >= maxCache) cache.delete(cache.keys().next().value!);
    cache.set(key, allowed);
    return allowed;
  };

  return {
    mayView: (record, viewer) => decide('view', record, viewer),
    maySeePersonIdentities: (record, viewer) => decide('viewPersons', record, viewer),
    stats: () => ({ evaluated, cached }),
  };
}
