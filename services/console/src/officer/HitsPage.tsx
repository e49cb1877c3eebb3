import './messages';
import { Anchor, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../graphql';
import { formatDateTime, formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';

const PAGE_SIZE = 25;

const HitsOnMyRecordsQuery = graphql(`
  query HitsOnMyRecords($first: Int, $after: String) {
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

/** Who checked a serial number that a record of the agency holds, and when; each row opens the record. */
export default function HitsPage() {
  const { t } = useTranslation('officer');
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: HitsOnMyRecordsQuery, variables: { first: PAGE_SIZE, after } });
  const page = data?.hitsOnMyRecords;
  return (
    <Page title={t('hits.title')} intro={t('hits.intro')}>
      <QueryError error={error} />
      {!page && fetching ? <Text>{t('record.loading')}</Text> : null}
      {page && page.nodes.length === 0 ? <Text>{t('hits.empty')}</Text> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <Text size="sm">{t('hits.total', { total: formatNumber(page.totalCount) })}</Text>
          <Table striped data-testid="hits-on-my-records">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hits.record')}</Table.Th>
                <Table.Th>{t('hits.queriedBy')}</Table.Th>
                <Table.Th>{t('hits.firstAt')}</Table.Th>
                <Table.Th>{t('hits.lastAt')}</Table.Th>
                <Table.Th>{t('hits.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.nodes.map((h) => (
                <Table.Tr key={`${h.recordId}-${h.queriedBy.id}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/records/${encodeURIComponent(h.recordId)}`} ff="monospace">
                      {h.recordId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{`${h.queriedBy.id} (${h.queriedBy.country})`}</Table.Td>
                  <Table.Td>{formatDateTime(h.firstAt)}</Table.Td>
                  <Table.Td>{formatDateTime(h.at)}</Table.Td>
                  <Table.Td>{formatNumber(h.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager
            shown={page.nodes.length}
            atFirst={after === null}
            hasNext={page.pageInfo.hasNextPage}
            onFirst={() => setAfter(null)}
            onNext={() => setAfter(page.pageInfo.endCursor ?? null)}
          />
        </>
      ) : null}
    </Page>
  );
}
