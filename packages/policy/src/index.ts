export { mayView, mayLearnHolder, maySeePersonIdentities, type Viewer, type PolicyRecord } from './releasability';
export { createAccessPolicy, type AccessPolicy, type AccessLevel } from './cedarPolicy';
export { accessPolicyText, agreementPolicies, cedarSchema, defaultPolicies } from './accessPolicy.cedar';
