import './messages';
import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { HitNoticeTable } from './HitNoticeTable';
import { HitNoticesQuery } from './recordQueries';

const PAGE_SIZE = 25;

/** Who checked a serial number that a record of the agency holds, and when; each row opens the record. */
export default function HitsPage() {
  const { t } = useTranslation('officer');
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: HitNoticesQuery, variables: { first: PAGE_SIZE, after } });
  const page = data?.hitsOnMyRecords;
  return (
    <Page title={t('hits.title')} intro={t('hits.intro')}>
      <QueryError error={error} />
      {!page && fetching ? <Text>{t('record.loading')}</Text> : null}
      {page && page.nodes.length === 0 ? <Text>{t('hits.empty')}</Text> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <Text size="sm">{t('hits.total', { total: formatNumber(page.totalCount) })}</Text>
          <HitNoticeTable notices={page.nodes} withRecord testId="hits-on-my-records" />
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
