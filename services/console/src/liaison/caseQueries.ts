import { graphql } from '../graphql';

export const CasesQuery = graphql(`
  query LiaisonCases($first: Int, $after: String) {
    cases(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        openedAt
        openedBy {
          id
        }
        handling {
          tlp
        }
        participants {
          agency {
            id
          }
          status
        }
      }
    }
  }
`);

export const OpenCaseMutation = graphql(`
  mutation LiaisonOpenCase($input: CaseInput!) {
    openCase(input: $input) {
      id
    }
  }
`);

/** A case as its page shows it; attachments, notes, traces and timeline are empty for an agency only invited. */
export const CaseQuery = graphql(`
  query LiaisonCase($id: ID!) {
    case(id: $id) {
      id
      title
      summary
      openedAt
      openedBy {
        id
      }
      handling {
        tlp
        code
        notice
      }
      participants {
        agency {
          id
          country
          kind
        }
        status
      }
      attachments {
        id
        status
        family
        holder {
          id
        }
        attachedBy {
          id
        }
        record {
          ... on Seizure {
            id
            occurredAt
            location {
              country
              place
            }
            handling {
              tlp
            }
            items {
              id
              manufacturer
              model
              serialNumber
              quantity
            }
          }
        }
      }
      notes {
        id
        author {
          id
        }
        text
        at
        handling {
          tlp
        }
      }
      traces {
        id
        status
        deadline
        overdue
        addressedState
      }
      timeline {
        at
        agency {
          id
        }
        type
        summary
      }
    }
  }
`);

export const AgenciesQuery = graphql(`
  query LiaisonAgencies {
    agencies {
      id
      name
      country
      kind
    }
  }
`);

export const InviteMutation = graphql(`
  mutation LiaisonInvite($caseId: ID!, $agencyId: ID!) {
    inviteToCase(caseId: $caseId, agencyId: $agencyId) {
      id
      participants {
        agency {
          id
        }
        status
      }
    }
  }
`);

export const AttachMutation = graphql(`
  mutation LiaisonAttach($caseId: ID!, $recordId: ID!) {
    attachToCase(caseId: $caseId, recordId: $recordId) {
      id
      status
      holder {
        id
      }
    }
  }
`);

export const LeaveMutation = graphql(`
  mutation LiaisonLeave($caseId: ID!) {
    leaveCase(caseId: $caseId) {
      id
      participants {
        agency {
          id
        }
        status
      }
    }
  }
`);

export const NoteMutation = graphql(`
  mutation LiaisonNote($caseId: ID!, $input: CaseNoteInput!) {
    addCaseNote(caseId: $caseId, input: $input) {
      id
    }
  }
`);

export const RespondMutation = graphql(`
  mutation LiaisonRespond($caseId: ID!, $accept: Boolean!) {
    respondToCaseInvitation(caseId: $caseId, accept: $accept) {
      id
      participants {
        agency {
          id
        }
        status
      }
    }
  }
`);
