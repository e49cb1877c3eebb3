// The one Node built-in of this package: a V8 workaround the Cedar engine needs in every process that uses it.
// eslint-disable-next-line no-restricted-imports
import { setFlagsFromString } from 'node:v8';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { SharingAgreement } from '@tracebridge/contracts';
import { accessPolicyText, cedarSchema } from './accessPolicy.cedar';
import type { PolicyRecord, Viewer } from './releasability';

/**
 * Node 20's V8 (11.3) aborts the process ("Fatal error … unreachable code"
 * in Deoptimizer::DoComputeBuiltinContinuation) when TurboFan code that has
 * inlined a call into Cedar's wasm is deoptimised: reproduced within a
 * thousand generated worlds of test/policy/worlds{A,B}.int.spec.ts (harness test/support/policyWorlds.ts),
 * and never with this inlining off. Set before any of this module's callers
 * is optimised; it only changes what TurboFan inlines.
 */
setFlagsFromString('--no-turbo-inline-js-wasm-calls');

type Action = 'view' | 'viewPersons' | 'learnHolder';

/** What a viewer may know of a record: all of it, only that this agency holds it (a serial hit), or nothing. */
export type AccessLevel = 'VIEW' | 'HOLDER' | 'NONE';

export interface AccessPolicy {
  mayView(record: PolicyRecord, viewer: Viewer): boolean;
  maySeePersonIdentities(record: PolicyRecord, viewer: Viewer): boolean;
  /** Hit/no-hit: may a serial check name the holder of a matching record the viewer may not see? */
  mayLearnHolder(record: PolicyRecord, viewer: Viewer): boolean;
  /** `mayView`, else `mayLearnHolder`, as one answer. */
  level(record: PolicyRecord, viewer: Viewer): AccessLevel;
  /** Decisions taken by Cedar and answered from the cache, for metrics. */
  stats(): { evaluated: number; cached: number };
}

const SCHEMA_NAME = 'tb-access-schema';
let schemaReady = false;
/**
 * Cedar keeps parsed policy sets in the wasm module's memory for the life of
 * the process, with no way to drop one. So parsed sets live in a bounded
 * number of slots, by their text, least recently used first out; a policy
 * whose slot was taken by another text parses itself again into a slot
 * before its next decision, so no decision is ever taken by another policy.
 * (The schema is parsed once: parsing it again per policy crashed V8 after
 * about a hundred, in node 20.)
 */
const MAX_PARSED_SETS = 64;
const slots = new Map<string, string>();
let slotsMade = 0;

function parseSchemaOnce(): void {
  if (schemaReady) return;
  const schema = cedar.preparseSchema(SCHEMA_NAME, cedarSchema);
  if (schema.type !== 'success') throw new Error(`access policy schema does not parse: ${schema.errors.map((e) => e.message).join('; ')}`);
  schemaReady = true;
}

/** The slot holding `staticPolicies`, parsing them into one (the least recently used) if none does. */
function slotFor(staticPolicies: string): string {
  const held = slots.get(staticPolicies);
  if (held) {
    slots.delete(staticPolicies);
    slots.set(staticPolicies, held);
    return held;
  }
  parseSchemaOnce();
  let slot = `tb-access-${slotsMade + 1}`;
  if (slots.size >= MAX_PARSED_SETS) {
    const [oldest, oldSlot] = slots.entries().next().value!;
    slots.delete(oldest);
    slot = oldSlot;
  } else slotsMade += 1;
  const parsed = cedar.preparsePolicySet(slot, { staticPolicies });
  if (parsed.type !== 'success') throw new Error(`access policy does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  slots.set(staticPolicies, slot);
  return slot;
}

/** Texts already validated against the schema (bounded; a text dropped from it is validated again). */
const validated = new Set<string>();

/** The policy text of the defaults and the agreements, parsed and validated against the schema. */
function policyText(agreements: readonly SharingAgreement[]): string {
  // Ids are written into Cedar text: only what the contract allows (no quotes, no spaces) gets there.
  const checked = agreements.map((a) => SharingAgreement.parse(a));
  // The policy reads no clock, so it cannot tell a lapsed agreement; a revoked one it can, and refuses.
  const revoked = checked.find((a) => a.effect === 'AGREEMENT' && a.revokedAt !== undefined);
  if (revoked) throw new Error(`agreement ${revoked.id} is revoked: give the policy the agreements in force (agreementsInForce)`);
  const staticPolicies = accessPolicyText(checked);
  slotFor(staticPolicies);
  if (validated.has(staticPolicies)) return staticPolicies;
  const validation = cedar.validate({ schema: cedarSchema, policies: { staticPolicies } });
  if (validation.type !== 'success' || validation.validationErrors.length > 0) {
    throw new Error(`access policy does not validate against its schema: ${JSON.stringify(validation.type === 'success' ? validation.validationErrors : validation.errors)}`);
  }
  if (validated.size >= 1024) validated.delete(validated.values().next().value!);
  validated.add(staticPolicies);
  return staticPolicies;
}

/** The entities one decision reads: the viewer, the record, and the record's originator. */
function entitiesOf(record: PolicyRecord, viewer: Viewer, releasable: string[], groups: string[], grantees: string[]): cedar.EntityJson[] {
  const originator = { type: 'Agency', id: record.originator.agency };
  const entities: cedar.EntityJson[] = [
    { uid: { type: 'Agency', id: viewer.agency }, attrs: { agencyId: viewer.agency, state: viewer.state, groupIds: groups }, parents: [] },
    {
      uid: { type: 'Record', id: 'r' },
      attrs: {
        originator: { __entity: originator },
        originatorState: record.originator.state,
        family: record.family,
        tlp: record.handling.tlp,
        releasableTo: releasable,
        grantees,
      },
      parents: [],
    },
  ];
  if (originator.id !== viewer.agency) entities.push({ uid: originator, attrs: { agencyId: record.originator.agency, state: record.originator.state, groupIds: [] }, parents: [] });
  return entities;
}

/**
 * The access policy, evaluated by Cedar: the defaults (TLP, releasableTo,
 * hit/no-hit, case grants) and the originators' sharing agreements — the
 * agreements in force (`agreementsInForce`): the policy reads no clock. The
 * policy set is parsed once; decisions are cached by exactly the attributes
 * the policies read (viewer agency, state and groups; originator agency and
 * state; family; TLP; releasableTo; case grantees), so the cache can never
 * answer for a different question. A change of agreements (one created,
 * revoked, started or lapsed) is a new policy: create another.
 * @throws when an agreement breaks its contract, or is revoked
 */
export function createAccessPolicy(options: { agreements?: readonly SharingAgreement[]; cacheSize?: number } = {}): AccessPolicy {
  const text = policyText(options.agreements ?? []);
  const maxCache = options.cacheSize ?? 100_000;
  const cache = new Map<string, boolean>();
  const counts = { evaluated: 0, cached: 0 };
  const decide = (action: Action, record: PolicyRecord, viewer: Viewer): boolean => {
    const releasable = [...record.handling.releasableTo].sort();
    const groups = [...viewer.groups].sort();
    const grantees = [...(record.grantees ?? [])].sort();
    const key = JSON.stringify([
      action,
      viewer.agency,
      viewer.state,
      groups,
      record.originator.agency,
      record.originator.state,
      record.family,
      record.handling.tlp,
      releasable,
      grantees,
    ]);
    const hit = cache.get(key);
    if (hit !== undefined) {
      counts.cached += 1;
      return hit;
    }
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'Agency', id: viewer.agency },
      action: { type: 'Action', id: action },
      resource: { type: 'Record', id: 'r' },
      context: {},
      preparsedPolicySetId: slotFor(text),
      preparsedSchemaName: SCHEMA_NAME,
      validateRequest: true,
      entities: entitiesOf(record, viewer, releasable, groups, grantees),
    });
    if (answer.type !== 'success') throw new Error(`access policy evaluation failed: ${answer.errors.map((e) => e.message).join('; ')}`);
    const allowed = answer.response.decision === 'allow';
    counts.evaluated += 1;
    if (cache.size >= maxCache) cache.delete(cache.keys().next().value!);
    cache.set(key, allowed);
    return allowed;
  };
  return {
    mayView: (record, viewer) => decide('view', record, viewer),
    maySeePersonIdentities: (record, viewer) => decide('viewPersons', record, viewer),
    mayLearnHolder: (record, viewer) => decide('learnHolder', record, viewer),
    level: (record, viewer) => (decide('view', record, viewer) ? 'VIEW' : decide('learnHolder', record, viewer) ? 'HOLDER' : 'NONE'),
    stats: () => ({ ...counts }),
  };
}
