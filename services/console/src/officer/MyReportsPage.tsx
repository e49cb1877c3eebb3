import './messages';
import { Anchor, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { graphql } from '../graphql';
import { formatDateTime, formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { TlpBadge } from '../ui/Redaction';
import { useCountry } from './RecordDetails';

const PAGE_SIZE = 20;

const MyReportsQuery = graphql(`
  query MyReports($originator: ID!, $first: Int, $after: String) {
    seizures(filter: { originator: $originator }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        occurredAt
        location {
          country
          place
        }
        items {
          id
        }
        handling {
          tlp
        }
      }
    }
  }
`);

/** The records the officer's agency reported, newest first, a page at a time; each opens its record page. */
export default function MyReportsPage() {
  const { t } = useTranslation('officer');
  const { me } = useOfficer();
  const country = useCountry();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: MyReportsQuery, variables: { originator: me.agency.id, first: PAGE_SIZE, after } });
  const page = data?.seizures;
  return (
    <Page title={t('reports.title')} intro={t('reports.intro')}>
      <QueryError error={error} />
      {!page && fetching ? <Text>{t('record.loading')}</Text> : null}
      {page && page.nodes.length === 0 ? <Text>{t('reports.empty')}</Text> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <Text size="sm">{t('reports.total', { total: formatNumber(page.totalCount) })}</Text>
          <Table striped data-testid="my-reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.occurredAt')}</Table.Th>
                <Table.Th>{t('reports.place')}</Table.Th>
                <Table.Th>{t('reports.items')}</Table.Th>
                <Table.Th>{t('reports.tlp')}</Table.Th>
                <Table.Th>{t('reports.record')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.nodes.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDateTime(s.occurredAt)}</Table.Td>
                  <Table.Td>{`${s.location.place}, ${country(s.location.country)}`}</Table.Td>
                  <Table.Td>{formatNumber(s.items.length)}</Table.Td>
                  <Table.Td>
                    <TlpBadge tlp={s.handling.tlp.replace('_', '+')} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/records/${encodeURIComponent(s.id)}`} aria-label={t('reports.openRecord', { id: s.id })}>
                      {t('reports.open')}
                    </Anchor>
                  </Table.Td>
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
