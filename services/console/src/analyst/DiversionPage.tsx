import { Alert, Anchor, Button, List, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { placeErrors } from '../api/errors';
import { graphql, type ResultOf } from '../graphql';
import { formatDate, formatDateTime, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { apiErrors, FormErrors, QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { FilterForm, useUrlFilter } from './FilterForm';
import './messages';
import { DIVERSION_FIELDS, diversionFilter, errorsByField, filterKeys, seizuresAsked } from './searchFilters';

const ClustersQuery = graphql(`
  query DiversionClusters($filter: DiversionClusterFilter, $first: Int) {
    diversionClusters(filter: $filter, first: $first) {
      id
      manufacturer
      model
      serialFrom
      serialTo
      items
      serials
      states
      firstSeen
      lastSeen
      seizureCount
    }
  }
`);

// A cluster's seizures are each an audited read for their originators: asked only when the analyst opens them.
const ClusterSeizuresQuery = graphql(`
  query DiversionClusterSeizures($filter: DiversionClusterFilter, $first: Int, $seizures: Int) {
    diversionClusters(filter: $filter, first: $first) {
      id
      seizures(first: $seizures) {
        id
        occurredAt
        originator {
          id
        }
        location {
          country
          place
        }
      }
    }
  }
`);

type Cluster = ResultOf<typeof ClustersQuery>['diversionClusters'][number];
type Variables = { filter: ReturnType<typeof diversionFilter>; first: number };
const SIZES = ['20', '50', '100'];

function ClusterSeizures({ cluster: { id: clusterId, seizureCount }, index, filter }: { cluster: Cluster; index: number; filter: Variables['filter'] }) {
  const { t, i18n } = useTranslation('analyst');
  const asked = seizuresAsked(index, seizureCount);
  const [{ data, error }] = useQuery({ query: ClusterSeizuresQuery, variables: { filter, ...asked } });
  const cluster = data?.diversionClusters.find((c) => c.id === clusterId);
  if (error) return <QueryError error={error} />;
  if (!data) return <Text>{t('loading', { ns: 'common' })}</Text>;
  if (!cluster) return <Text>{t('diversion.gone')}</Text>;
  return (
    <List size="sm" aria-label={t('diversion.seizuresOf', { count: seizureCount, shown: cluster.seizures.length })}>
      {cluster.seizures.map((s) => (
        <List.Item key={s.id}>
          <Anchor component={Link} to={`/records/${encodeURIComponent(s.id)}`}>
            {formatDateTime(s.occurredAt, i18n.language)}
          </Anchor>
          {` — ${s.location.place}, ${countryName(s.location.country, i18n.language)} (${s.originator.id})`}
        </List.Item>
      ))}
    </List>
  );
}

function ClusterRow({ cluster, index, filter }: { cluster: Cluster; index: number; filter: Variables['filter'] }) {
  const { t, i18n } = useTranslation('analyst');
  const lng = i18n.language;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Table.Tr>
        <Table.Th scope="row" fw={500}>{`${cluster.manufacturer} ${cluster.model}`}</Table.Th>
        <Table.Td>{t('diversion.range', { from: cluster.serialFrom, to: cluster.serialTo })}</Table.Td>
        <Table.Td>{formatNumber(cluster.serials, lng)}</Table.Td>
        <Table.Td>{formatNumber(cluster.items, lng)}</Table.Td>
        <Table.Td>{cluster.states.map((c) => countryName(c, lng)).join(', ')}</Table.Td>
        <Table.Td>{`${formatDate(cluster.firstSeen, lng)} – ${formatDate(cluster.lastSeen, lng)}`}</Table.Td>
        <Table.Td>
          <Button size="xs" variant="default" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {t(open ? 'diversion.hideSeizures' : 'diversion.showSeizures', { count: cluster.seizureCount })}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={7}>
            <ClusterSeizures cluster={cluster} index={index} filter={filter} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function ClusterTable({ clusters, filter }: { clusters: readonly Cluster[]; filter: Variables['filter'] }) {
  const { t } = useTranslation('analyst');
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table data-testid="diversion-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('diversion.weapon')}</Table.Th>
            <Table.Th scope="col">{t('diversion.serials')}</Table.Th>
            <Table.Th scope="col">{t('diversion.distinct')}</Table.Th>
            <Table.Th scope="col">{t('diversion.items')}</Table.Th>
            <Table.Th scope="col">{t('diversion.states')}</Table.Th>
            <Table.Th scope="col">{t('diversion.seen')}</Table.Th>
            <Table.Th scope="col">{t('diversion.seizures')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clusters.map((c, i) => (
            <ClusterRow key={c.id} cluster={c} index={i} filter={filter} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Probable diverted lots among the seizures the viewer may see (docs/diversion.md): most serials first. */
export default function DiversionPage() {
  const { t } = useTranslation('analyst');
  const { values, key, apply } = useUrlFilter(DIVERSION_FIELDS);
  const [size, setSize] = useState('20');
  const variables = useMemo(() => ({ filter: diversionFilter(values), first: Number(size) }), [values, size]);
  const [{ data, error, fetching }] = useQuery({ query: ClustersQuery, variables });
  const placed = placeErrors(apiErrors(error), filterKeys(DIVERSION_FIELDS));
  const clusters = error ? undefined : data?.diversionClusters;
  return (
    <Page title={t('diversion.title')}>
      <Text>{t('diversion.intro')}</Text>
      <FilterForm key={key} fields={DIVERSION_FIELDS} values={values} errors={errorsByField(placed.fields)} submitLabel={t('diversion.submit')} busy={fetching} onSubmit={apply} />
      <NativeSelect label={t('diversion.first')} value={size} data={SIZES} onChange={(e) => setSize(e.currentTarget.value)} w={200} />
      <FormErrors errors={placed.form} />
      {clusters ? (
        <Stack gap="sm">
          <Text data-testid="diversion-count" aria-live="polite">
            {t('diversion.count', { count: clusters.length })}
          </Text>
          {clusters.length === 0 ? <Alert color="gray">{t('diversion.none')}</Alert> : <ClusterTable clusters={clusters} filter={variables.filter} />}
        </Stack>
      ) : null}
    </Page>
  );
}
