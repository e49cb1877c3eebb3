import { Alert, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { readFragment } from '../graphql';
import { formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { isClosed } from './traceOrder';
import { TraceTable } from './TraceTable';
import { TraceRowFields, TracesQuery } from './traceQueries';
import './messages';

const PAGE = 100;

/**
 * The tracing requests of the region this liaison point serves that went unanswered past their deadline: each was
 * escalated once to it (`escalatedTo`, ADR 10). Still awaiting an answer first, then those answered since.
 */
export default function EscalationsPage() {
  const { t } = useTranslation('liaison');
  const { me } = useOfficer();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: TracesQuery, variables: { role: 'REGION', first: PAGE, after }, pause: me.kind !== 'LIAISON' });
  const page = data?.traces;
  const escalated = readFragment(TraceRowFields, page?.nodes ?? []).filter((tr) => tr.escalatedTo !== null);
  const open = escalated.filter((tr) => !isClosed(tr.status));
  const closed = escalated.filter((tr) => isClosed(tr.status));
  return (
    <Page title={t('escalations.title')} intro={t('escalations.intro', { agency: me.agency.id })}>
      {me.kind !== 'LIAISON' ? <Alert color="gray">{t('escalations.liaisonOnly')}</Alert> : null}
      <QueryError error={error} />
      {fetching && !page ? <Text>{t('loading')}</Text> : null}
      {page ? (
        <>
          <section aria-labelledby="escalations-open-heading">
            <Title order={2} id="escalations-open-heading" mb="sm">
              {t('escalations.open', { n: formatNumber(open.length) })}
            </Title>
            <TraceTable traces={open} />
          </section>
          <section aria-labelledby="escalations-closed-heading">
            <Title order={2} id="escalations-closed-heading" mb="sm">
              {t('escalations.closed', { n: formatNumber(closed.length) })}
            </Title>
            <TraceTable traces={closed} />
          </section>
          <Pager
            hasNext={page.pageInfo.hasNextPage}
            onNext={() => setAfter(page.pageInfo.endCursor ?? null)}
            onFirst={() => setAfter(null)}
            atFirst={after === null}
            shown={page.nodes.length}
          />
        </>
      ) : null}
    </Page>
  );
}
