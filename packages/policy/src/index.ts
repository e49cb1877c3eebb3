export { mayView, maySeePersonIdentities, type Viewer } from './releasability';
export { createAccessPolicy, type AccessPolicy, type PolicyRecord } from './cedarPolicy';
export { cedarSchema, defaultPolicies } from './accessPolicy.cedar';
