import { graphql } from '../graphql';

export const TraceRowFields = graphql(`
  fragment LiaisonTraceRow on TraceRequest {
    id
    status
    priority
    deadline
    overdue
    addressedState
    requestedAt
    requester {
      id
    }
    pointOfContact {
      id
    }
    escalatedTo {
      id
    }
    item {
      manufacturer
      model
      serialNumber
    }
  }
`);

export const TracesQuery = graphql(
  `
    query LiaisonTraces($role: TraceRole, $status: TraceStatus, $overdue: Boolean, $first: Int, $after: String) {
      traces(role: $role, status: $status, overdue: $overdue, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...LiaisonTraceRow
        }
      }
    }
  `,
  [TraceRowFields],
);

export const TraceQuery = graphql(`
  query LiaisonTrace($id: ID!) {
    trace(id: $id) {
      id
      status
      priority
      basis
      deadline
      overdue
      addressedState
      requestedAt
      updatedAt
      requester {
        id
      }
      pointOfContact {
        id
      }
      escalatedTo {
        id
      }
      seizure {
        id
      }
      itemId
      item {
        category
        manufacturer
        model
        calibre
        serialNumber
        serialObliterated
        countryOfManufacture
        importMarking
        otherMarkings
      }
      urgencyReason
      circumstances
      illicitReason
      intendedUse
      restrictions
      caseId
      findings {
        lastLegalHolder
        exportHistory
        importHistory
        comments
      }
      declineReason
    }
  }
`);

export const AcknowledgeMutation = graphql(`
  mutation LiaisonAcknowledge($id: ID!) {
    acknowledgeTrace(id: $id) {
      id
      status
    }
  }
`);

export const AnswerMutation = graphql(`
  mutation LiaisonAnswer($id: ID!, $findings: TraceFindingsInput!) {
    answerTrace(id: $id, findings: $findings) {
      id
      status
    }
  }
`);

export const DeclineMutation = graphql(`
  mutation LiaisonDecline($id: ID!, $reason: String!) {
    declineTrace(id: $id, reason: $reason) {
      id
      status
      declineReason
    }
  }
`);
