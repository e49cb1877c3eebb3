import { graphql } from '../graphql';

/**
 * Share requests for the viewer's agency's records (the viewer is the holder), of one status. The gateway counts
 * this list at 500 elements (docs/api.md, operation cost): each request's selection, with the `__typename`s urql
 * adds, must stay under 20 fields (so: the record's id and date, no more; its page has the rest) to fit the budget of 10,000 points.
 */
export const ShareRequestsQuery = graphql(`
  query LiaisonShareRequests($status: ShareRequestStatus) {
    shareRequests(status: $status) {
      id
      status
      reason
      case {
        id
        title
      }
      requestedBy {
        id
      }
      record {
        ... on Seizure {
          id
          occurredAt
        }
      }
    }
  }
`);

export const DecideMutation = graphql(`
  mutation LiaisonDecide($id: ID!, $grant: Boolean!, $reason: String) {
    decideShareRequest(id: $id, grant: $grant, reason: $reason) {
      id
      status
      reason
    }
  }
`);

export const WithdrawMutation = graphql(`
  mutation LiaisonWithdraw($requestId: ID!) {
    withdrawShare(requestId: $requestId) {
      id
      status
    }
  }
`);

/** Cases the viewer's agency takes part in or is invited to: the invitations are those where it is INVITED. */
/** At most 50 cases a page: each case's participants count 20 times in the operation's cost. */
export const InvitationsQuery = graphql(`
  query LiaisonInvitations($first: Int, $after: String) {
    cases(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        summary
        openedAt
        openedBy {
          id
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
