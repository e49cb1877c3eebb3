export { mayView, mayLearnHolder, maySeePersonIdentities, type Viewer, type PolicyRecord } from './releasability';
export { createAccessPolicy, type AccessPolicy, type AccessLevel } from './cedarPolicy';
export { accessPolicyText, agreementPolicies, cedarSchema, defaultPolicies } from './accessPolicy.cedar';
export { agreementStatusAt, agreementsInForce, nextAgreementChange, type AgreementStatus } from './agreementsInForce';
export { explainAccess, type AccessExplanation, type AccessField } from './explainAccess';
export { handlingNotice } from './handlingNotice';
