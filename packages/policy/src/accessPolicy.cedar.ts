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
  tlp: String,
  releasableTo: Set<String>,
};

action view appliesTo { principal: [Agency], resource: [Record] };
action viewPersons appliesTo { principal: [Agency], resource: [Record] };
`;

export const defaultPolicies = `
// The originator agency sees all of its records, person identities included.
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
`;
