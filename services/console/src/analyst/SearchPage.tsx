import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { placeErrors, type PlacedErrors } from '../api/errors';
import { graphql } from '../graphql';
import { formatNumber } from '../i18n';
import { apiErrors, FormErrors } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { fetchSeizuresCsv, saveBlob } from './exportCsv';
import { FilterForm, useUrlFilter } from './FilterForm';
import './messages';
import { useCursor } from './paging';
import { errorsByField, exportQuery, filterKeys, SEIZURE_FIELDS, seizureFilter, type FilterValues } from './searchFilters';
import { SeizureTable } from './SeizureTable';

const PAGE_SIZE = 25;
const KNOWN = filterKeys(SEIZURE_FIELDS);

const SearchQuery = graphql(`
  query SearchSeizures($filter: SeizureFilter, $first: Int, $after: String) {
    seizures(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        occurredAt
        originator {
          id
        }
        location {
          country
          place
        }
        items {
          kind
          category
          manufacturer
          quantity
        }
        handling {
          tlp
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The export of the filter shown: its button, and what the API said when it refused. */
function useExport(values: FilterValues, key: string) {
  const [state, setState] = useState<{ key: string; busy: boolean; refused: PlacedErrors | null }>({ key, busy: false, refused: null });
  const current = state.key === key ? state : { key, busy: false, refused: null };
  const run = async () => {
    setState({ key, busy: true, refused: null });
    const result = await fetchSeizuresCsv(exportQuery(values));
    if ('blob' in result) saveBlob(result.blob, 'seizures.csv');
    setState({ key, busy: false, refused: 'errors' in result ? placeErrors(result.errors, KNOWN) : null });
  };
  return { ...current, run };
}

/** Seizures you may see, by filter, newest first; the same filter exported as CSV. */
export default function SearchPage() {
  const { t, i18n } = useTranslation('analyst');
  const { values, key, apply } = useUrlFilter(SEIZURE_FIELDS);
  const cursor = useCursor(key);
  const filter = useMemo(() => seizureFilter(values), [values]);
  const [{ data, error, fetching }] = useQuery({ query: SearchQuery, variables: { filter, first: PAGE_SIZE, after: cursor.after } });
  const placed = placeErrors(apiErrors(error), KNOWN);
  const exporting = useExport(values, key);
  const refused = exporting.refused;
  const seizures = error ? undefined : data?.seizures;
  return (
    <Page title={t('search.title')}>
      <Text>{t('search.intro')}</Text>
      <FilterForm
        key={key}
        fields={SEIZURE_FIELDS}
        values={values}
        errors={{ ...errorsByField(refused?.fields ?? {}), ...errorsByField(placed.fields) }}
        submitLabel={t('search.submit')}
        busy={fetching}
        onSubmit={apply}
      >
        <Button variant="default" loading={exporting.busy} onClick={() => void exporting.run()}>
          {t('search.export')}
        </Button>
      </FilterForm>
      {refused ? (
        <Alert color="red" role="alert" title={t('search.exportRefused')} data-testid="export-refused">
          {[...Object.values(refused.fields), ...refused.form.map((e) => e.message)].join(' ')}
        </Alert>
      ) : null}
      <FormErrors errors={placed.form} />
      {seizures ? (
        <Stack gap="sm">
          <Text data-testid="seizure-count" aria-live="polite" data-fetching={fetching}>
            {t('search.count', { count: seizures.totalCount, formatted: formatNumber(seizures.totalCount, i18n.language) })}
          </Text>
          {seizures.nodes.length > 0 ? <SeizureTable rows={seizures.nodes} /> : null}
          <Pager
            hasNext={seizures.pageInfo.hasNextPage}
            onNext={() => cursor.next(seizures.pageInfo.endCursor)}
            onFirst={cursor.first}
            atFirst={cursor.page === 0}
            shown={seizures.nodes.length}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
