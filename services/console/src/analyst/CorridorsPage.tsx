import { Alert, Stack, Text, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { placeErrors } from '../api/errors';
import { graphql } from '../graphql';
import { formatDate, formatNumber } from '../i18n';
import { apiErrors, FormErrors } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { CorridorMap } from './CorridorMap';
import { CorridorTable } from './CorridorTable';
import { FilterForm, useUrlFilter } from './FilterForm';
import './messages';
import { useCursor } from './paging';
import { endOfDay, errorsByField, filterKeys, ROUTE_FIELDS, routeFilter, startOfDay } from './searchFilters';

const PAGE_SIZE = 20;

const CorridorsQuery = graphql(`
  query Corridors($filter: RouteFilter, $first: Int, $after: String) {
    routes(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        legs
        seizures
        weapons
        states
        firstSeen
        lastSeen
        trend
        observations
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** "1 Jan 2026 – 31 Mar 2026", or the API's default period (the year up to now). */
function usePeriod(from: string | undefined, to: string | undefined): string {
  const { t, i18n } = useTranslation('analyst');
  if (!from && !to) return t('corridors.defaultPeriod');
  const day = (iso: string) => formatDate(iso, i18n.language);
  // The inclusive last day the officer chose (the API's end is the next day, exclusive).
  const last = to ? new Date(Date.parse(endOfDay(to)) - 86_400_000).toISOString() : undefined;
  if (from && last) return t('corridors.period', { from: day(startOfDay(from)), to: day(last) });
  return from ? t('corridors.since', { from: day(startOfDay(from)) }) : t('corridors.until', { to: day(last!) });
}

/** Trafficking corridors ranked by the API (most seizures first) for a period: on a map of the region, and in a table that says the same. */
export default function CorridorsPage() {
  const { t, i18n } = useTranslation('analyst');
  const { values, key, apply } = useUrlFilter(ROUTE_FIELDS);
  const cursor = useCursor(key);
  const filter = useMemo(() => routeFilter(values), [values]);
  const [{ data, error, fetching }] = useQuery({ query: CorridorsQuery, variables: { filter, first: PAGE_SIZE, after: cursor.after } });
  const placed = placeErrors(apiErrors(error), filterKeys(ROUTE_FIELDS));
  const routes = error ? undefined : data?.routes;
  const offset = cursor.page * PAGE_SIZE;
  const corridors = useMemo(() => (routes?.nodes ?? []).map((r, i) => ({ id: r.id, legs: r.legs, seizures: r.seizures, rank: offset + i + 1 })), [routes, offset]);
  const period = usePeriod(values.from, values.to);
  const aboutMap = useId();
  return (
    <Page title={t('corridors.title')}>
      <Text>{t('corridors.intro')}</Text>
      <FilterForm key={key} fields={ROUTE_FIELDS} values={values} errors={errorsByField(placed.fields)} submitLabel={t('corridors.submit')} busy={fetching} onSubmit={apply} />
      <FormErrors errors={placed.form} />
      {routes ? (
        <Stack gap="sm">
          <Text data-testid="corridor-count" aria-live="polite" data-fetching={fetching}>
            {t('corridors.count', { count: routes.totalCount, formatted: formatNumber(routes.totalCount, i18n.language), period })}
          </Text>
          {routes.nodes.length === 0 ? (
            <Alert color="gray">{t('corridors.none')}</Alert>
          ) : (
            <>
              <Title order={2}>{t('corridors.mapHeading')}</Title>
              <Text id={aboutMap} size="sm">
                {t('corridors.mapAbout')}
              </Text>
              <CorridorMap corridors={corridors} describedBy={aboutMap} />
              <Title order={2}>{t('corridors.tableHeading')}</Title>
              <CorridorTable rows={routes.nodes} offset={offset} caption={t('corridors.caption', { period })} />
              <Pager
                hasNext={routes.pageInfo.hasNextPage}
                onNext={() => cursor.next(routes.pageInfo.endCursor)}
                onFirst={cursor.first}
                atFirst={cursor.page === 0}
                shown={routes.nodes.length}
              />
            </>
          )}
        </Stack>
      ) : null}
    </Page>
  );
}
