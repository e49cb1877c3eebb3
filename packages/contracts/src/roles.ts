import { z } from 'zod';
import type { AgencyKind } from './directory';

/**
 * What an officer may do is set by the roles in their token, within what
 * their agency's kind may hold (an agency cannot mint itself a role its
 * kind does not have: a customs service has no liaison officers).
 */
export const OfficerRole = z.enum(['REPORTING_OFFICER', 'ANALYST', 'LIAISON_OFFICER', 'LICENSING_OFFICER', 'AGENCY_ADMIN']);
export type OfficerRole = z.infer<typeof OfficerRole>;

export const ROLES_BY_KIND: Readonly<Record<AgencyKind, readonly OfficerRole[]>> = {
  CUSTOMS: ['REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
  POLICE: ['REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
  BORDER: ['REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
  LIAISON: ['LIAISON_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
  LICENSING: ['LICENSING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
};

/**
 * Operations that need a role, and the roles that grant each. Reading the
 * shared views (seizure, seizures, serialCheck) needs only a verified
 * officer: the originator's access policy decides what is shown.
 */
export const ROLE_GRANTS = {
  /** Report seizures, recoveries, interdictions and stockpile losses; record dispositions (the agency's own records). */
  REPORT: ['REPORTING_OFFICER'],
  /** Hit/no-hit serial checks: they notify holders and tell who holds what, so not every role may run them. */
  CHECK_SERIALS: ['REPORTING_OFFICER', 'ANALYST', 'LIAISON_OFFICER'],
  /** Open and work cross-border cases: invite, answer, attach, note, decide share requests of the agency's records. */
  WORK_CASES: ['REPORTING_OFFICER', 'ANALYST', 'LIAISON_OFFICER'],
  /** Send, acknowledge, answer and decline tracing requests (ITI). */
  TRACE: ['REPORTING_OFFICER', 'ANALYST', 'LIAISON_OFFICER'],
  /** Record the agency's analysts' route observations (issue 9): an assertion about a corridor, signed by the agency. */
  OBSERVE_ROUTES: ['ANALYST'],
  /** Create and revoke the agency's sharing agreements (ADR 11): legal instruments, made by its administrators. */
  MANAGE_AGREEMENTS: ['AGENCY_ADMIN'],
  /** Keep the agency's broker register (ADR 12): register brokers, grant brokering licences, suspend, revoke, flag activity. */
  MANAGE_BROKERS: ['LICENSING_OFFICER'],
  /** See the names and documents of persons linked to the agency's records. */
  SEE_PERSON_IDENTITIES: ['REPORTING_OFFICER', 'ANALYST'],
  /** See who matched the agency's records (hit notices). */
  READ_HIT_NOTICES: ['REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN'],
  /** See who read the agency's records (the access audit). */
  READ_ACCESS_AUDIT: ['AGENCY_ADMIN'],
} as const satisfies Record<string, readonly OfficerRole[]>;
export type GuardedOperation = keyof typeof ROLE_GRANTS;

export const mayPerform = (roles: readonly OfficerRole[], operation: GuardedOperation): boolean =>
  roles.some((r) => (ROLE_GRANTS[operation] as readonly OfficerRole[]).includes(r));
