import { tlpLevelsUpTo, type SharingAgreement } from '@tracebridge/contracts';

/**
 * Access policy v1 in Cedar: the schema and the default policies. The plain
 * reference model in releasability.ts says the same thing in code; a test
 * compares the two on generated cases (domain.md, lesson 4).
 */
export const cedarSchema = `
entity Agency {
  agencyId: String,
  state: String,
  groupIds: Set<String>,
};

entity Record {
  originator: Agency,
  originatorState: String,
  family: String,
  tlp: String,
  releasableTo: Set<String>,
  grantees: Set<String>,
};

action view appliesTo { principal: [Agency], resource: [Record] };
action viewPersons appliesTo { principal: [Agency], resource: [Record] };
action learnHolder appliesTo { principal: [Agency], resource: [Record] };
`;

export const defaultPolicies = `
// The originator agency sees all of its records, person identities included (the only
// other way to person identities is a directory agreement with includePersons).
@id("originator")
permit (principal, action in [Action::"view", Action::"viewPersons"], resource)
when { resource.originator == principal };

// TLP:CLEAR and TLP:GREEN: every agency in the network.
@id("tlp-green-clear")
permit (principal, action == Action::"view", resource)
when { resource.tlp == "GREEN" || resource.tlp == "CLEAR" };

// TLP:AMBER: every agency of the originator's state.
@id("tlp-amber")
permit (principal, action == Action::"view", resource)
when { resource.tlp == "AMBER" && principal.state == resource.originatorState };

// releasableTo widens any level (RED and AMBER+STRICT included): named agencies and
// agencies of named groups. Person identities are never widened this way.
@id("releasable-to")
permit (principal, action == Action::"view", resource)
when { resource.releasableTo.contains(principal.agencyId) || resource.releasableTo.containsAny(principal.groupIds) };

// A case share grant (ADR 9): the originator consented to show this record to the active
// participants of a case it is attached to. Person identities are never widened this way.
@id("case-grant")
permit (principal, action == Action::"view", resource)
when { resource.grantees.contains(principal.agencyId) };

// Hit/no-hit: a serial check may name the agency holding a matching record it does not
// show, so the two can talk; of a TLP:RED record, not even that (domain.md, lesson 3).
@id("hit-names-holder")
permit (principal, action == Action::"learnHolder", resource)
when { resource.tlp != "RED" };
`;

/** The whole policy text Cedar parses for a set of agreements: the defaults, then the agreements in id order. */
export const accessPolicyText = (agreements: readonly SharingAgreement[]): string =>
  defaultPolicies + agreementPolicies([...agreements].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));

/** A set literal of validated ids or enum values: Cedar reads JSON's array of strings as a set of strings. */
const cedarSet = (values: readonly string[]): string => JSON.stringify(values);

/** A directory agreement (ADR 11): its parties see its families at or below its ceiling, and with includePersons their person identities. */
const directoryAgreementPolicy = (a: Extract<SharingAgreement, { effect: 'AGREEMENT' }>): string => `
@id("agreement-${a.id}")
permit (principal, action ${a.includePersons ? 'in [Action::"view", Action::"viewPersons"]' : '== Action::"view"'}, resource)
when { resource.originator == Agency::"${a.originator}" && (${cedarSet(a.parties)}.contains(principal.agencyId) || principal.groupIds.containsAny(${cedarSet(a.parties)})) && ${cedarSet(a.families)}.contains(resource.family) && ${cedarSet(tlpLevelsUpTo(a.tlpCeiling))}.contains(resource.tlp) };`;

/**
 * An originator's sharing agreements as Cedar policies. Ids are AgencyIds or
 * UUIDs, parties AgencyIds, families and TLP levels enum values (letters,
 * digits, dashes, underscores: nothing to escape in a Cedar string), all
 * checked by the contract before they get here; each policy names its
 * agreement. A WITHHOLD forbids viewing, learning the holder and person
 * identities alike.
 */
export function agreementPolicies(agreements: readonly SharingAgreement[]): string {
  return agreements
    .map((a) => {
      switch (a.effect) {
        case 'AGREEMENT':
          return directoryAgreementPolicy(a);
        case 'SHARE':
          return `
@id("agreement-${a.id}")
permit (principal, action == Action::"view", resource)
when { resource.originator == Agency::"${a.originator}" && (principal.agencyId == "${a.with}" || principal.groupIds.contains("${a.with}")) && ${cedarSet(a.tlp)}.contains(resource.tlp) };`;
        case 'WITHHOLD':
          return `
@id("agreement-${a.id}")
forbid (principal, action in [Action::"view", Action::"learnHolder", Action::"viewPersons"], resource)
when { resource.originator == Agency::"${a.originator}" && principal != resource.originator && (principal.agencyId == "${a.from}" || principal.groupIds.contains("${a.from}")) };`;
      }
    })
    .join('\n');
}
