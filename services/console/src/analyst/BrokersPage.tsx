import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { placeErrors } from '../api/errors';
import { graphql, type ResultOf } from '../graphql';
import { formatDate, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { apiErrors, FormErrors } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { BrokerStatusBadge } from './BrokerStatusBadge';
import { FilterForm, useUrlFilter } from './FilterForm';
import './messages';
import { useCursor } from './paging';
import { BROKER_FIELDS, brokerFilter, errorsByField, filterKeys } from './searchFilters';

const PAGE_SIZE = 25;

const BrokersQuery = graphql(`
  query Brokers($filter: BrokerFilter, $first: Int, $after: String) {
    brokers(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        registrationNumber
        state
        status
        validUntil
        activities
        registeredBy {
          id
        }
        flags {
          id
        }
        licences {
          id
          inForce
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type BrokerRow = ResultOf<typeof BrokersQuery>['brokers']['nodes'][number];

function BrokerTable({ rows }: { rows: readonly BrokerRow[] }) {
  const { t, i18n } = useTranslation('analyst');
  const lng = i18n.language;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped data-testid="broker-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('brokers.name')}</Table.Th>
            <Table.Th scope="col">{t('brokers.registrationNumber')}</Table.Th>
            <Table.Th scope="col">{t('filter.state')}</Table.Th>
            <Table.Th scope="col">{t('filter.status')}</Table.Th>
            <Table.Th scope="col">{t('brokers.validUntil')}</Table.Th>
            <Table.Th scope="col">{t('brokers.activities')}</Table.Th>
            <Table.Th scope="col">{t('brokers.licencesInForce')}</Table.Th>
            <Table.Th scope="col">{t('brokers.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                <Anchor component={Link} to={`/brokers/${b.id}`}>
                  {b.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{b.registrationNumber}</Table.Td>
              <Table.Td>{countryName(b.state, lng)}</Table.Td>
              <Table.Td>
                <BrokerStatusBadge status={b.status} />
              </Table.Td>
              <Table.Td>{formatDate(b.validUntil, lng)}</Table.Td>
              <Table.Td>{b.activities.map((a) => t(`activity.${a}`)).join(', ')}</Table.Td>
              <Table.Td>{t('brokers.ofLicences', { inForce: formatNumber(b.licences.filter((l) => l.inForce).length, lng), all: formatNumber(b.licences.length, lng) })}</Table.Td>
              <Table.Td>{formatNumber(b.flags.length, lng)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The brokers of the registers the viewer may see, most recently registered first, by name, state and status. */
export default function BrokersPage() {
  const { t, i18n } = useTranslation('analyst');
  const { values, key, apply } = useUrlFilter(BROKER_FIELDS);
  const cursor = useCursor(key);
  const filter = useMemo(() => brokerFilter(values), [values]);
  const [{ data, error, fetching }] = useQuery({ query: BrokersQuery, variables: { filter, first: PAGE_SIZE, after: cursor.after } });
  const placed = placeErrors(apiErrors(error), filterKeys(BROKER_FIELDS));
  const brokers = error ? undefined : data?.brokers;
  return (
    <Page title={t('brokers.title')}>
      <Text>{t('brokers.intro')}</Text>
      <FilterForm key={key} fields={BROKER_FIELDS} values={values} errors={errorsByField(placed.fields)} submitLabel={t('brokers.submit')} busy={fetching} onSubmit={apply} />
      <FormErrors errors={placed.form} />
      {brokers ? (
        <Stack gap="sm">
          <Text data-testid="broker-count" aria-live="polite">
            {t('brokers.count', { count: brokers.totalCount, formatted: formatNumber(brokers.totalCount, i18n.language) })}
          </Text>
          {brokers.nodes.length > 0 ? <BrokerTable rows={brokers.nodes} /> : null}
          <Pager
            hasNext={brokers.pageInfo.hasNextPage}
            onNext={() => cursor.next(brokers.pageInfo.endCursor)}
            onFirst={cursor.first}
            atFirst={cursor.page === 0}
            shown={brokers.nodes.length}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
