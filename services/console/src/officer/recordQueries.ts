import { graphql, type ResultOf } from '../graphql';

/**
 * A seizure as the viewer may see it (null when it does not exist or is not shared with the viewer's agency).
 * Person names and documents are asked only by the roles that may ever read them (the originator's reporting
 * officers and analysts, docs/api.md); the API withholds them from anyone else anyway.
 */
export const RecordQuery = graphql(`
  query Record($id: ID!, $identities: Boolean!) {
    seizure(id: $id) {
      id
      originator {
        id
        name
        country
        kind
      }
      occurredAt
      reportedAt
      location {
        country
        place
        kind
      }
      route {
        origin
        transit
        destination
      }
      context
      conveyance {
        mode
        identifier
      }
      documents {
        kind
        number
        issuingState
      }
      brokers {
        name
        registrationNumber
        state
      }
      items {
        id
        kind
        category
        manufacturer
        model
        calibre
        serialNumber
        serialObliterated
        countryOfManufacture
        quantity
      }
      persons {
        role
        nationality
        name @include(if: $identities)
        documentNumber @include(if: $identities)
        redacted
      }
      handling {
        tlp
        code
        restrictions
        reliability
        accuracy
        releasableTo
        notice
      }
      warnings {
        code
        message
      }
      dispositions {
        itemId
        disposition
        date
        method
      }
    }
  }
`);

export type RecordSeizure = NonNullable<ResultOf<typeof RecordQuery>['seizure']>;

/** Hit notices on the agency's own records, a page at a time: the hits page, and the record page (which keeps its record's). */
export const HitNoticesQuery = graphql(`
  query HitNotices($first: Int, $after: String) {
    hitsOnMyRecords(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        recordId
        queriedBy {
          id
          country
          kind
        }
        at
        firstAt
        count
      }
    }
  }
`);

export type HitNotice = ResultOf<typeof HitNoticesQuery>['hitsOnMyRecords']['nodes'][number];

/** Who read this record of the agency (agency administrators of the originator only). */
export const RecordReadsQuery = graphql(`
  query RecordReads($recordId: ID!) {
    readsOfMyRecords(recordId: $recordId, first: 100) {
      recordId
      reader {
        id
        country
        kind
      }
      readerSubject
      at
      kind
    }
  }
`);
