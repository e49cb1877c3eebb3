import './messages';
import { Alert, Anchor, Group, Loader, Stack, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { hasRole, useOfficer } from '../app/officer';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { RecordDispositions, RecordHits, RecordReads } from './RecordActivity';
import { RecordHeader, RecordItems, RecordLinksData, RecordPersons, RecordRoute } from './RecordDetails';
import { RecordQuery, type RecordSeizure } from './recordQueries';
import { rememberedReport } from './recordState';
import { ReportOutcomePanel, WarningList } from './ReportOutcome';

/** How often, and how many times, the page asks again for a report the shared view has not taken up yet. */
const PENDING_POLL_MS = 2000;
const PENDING_POLLS = 30;

/** The record as the viewer may see it; the audit and the acts only for the originating agency's roles that hold them. */
function RecordView({ seizure, reported }: { seizure: RecordSeizure; reported: boolean }) {
  const { t } = useTranslation('officer');
  const { me } = useOfficer();
  const ours = seizure.originator.id === me.agency.id;
  const path = `/records/${encodeURIComponent(seizure.id)}`;
  return (
    <Stack gap="md">
      <RecordHeader seizure={seizure} />
      <Group>
        {ours && hasRole(me, 'REPORTING_OFFICER') ? (
          <Anchor component={Link} to={`${path}/disposition`}>
            {t('record.recordDisposition')}
          </Anchor>
        ) : null}
        <Anchor component={Link} to={`${path}/links`}>
          {t('record.linkedSeizures')}
        </Anchor>
      </Group>
      {reported ? null : (
        <>
          <Title order={2}>{t('record.warnings')}</Title>
          <WarningList warnings={seizure.warnings} testId="record-warnings" />
        </>
      )}
      <Title order={2}>{t('record.route')}</Title>
      <RecordRoute route={seizure.route} />
      <Title order={2}>{t('record.items')}</Title>
      <RecordItems items={seizure.items} />
      <Title order={2}>{t('record.persons')}</Title>
      <RecordPersons persons={seizure.persons} />
      <RecordLinksData seizure={seizure} />
      <Title order={2}>{t('record.dispositions')}</Title>
      <RecordDispositions seizure={seizure} />
      {ours && hasRole(me, 'REPORTING_OFFICER', 'ANALYST', 'AGENCY_ADMIN') ? <RecordHits recordId={seizure.id} /> : null}
      {ours && hasRole(me, 'AGENCY_ADMIN') ? <RecordReads recordId={seizure.id} /> : null}
    </Stack>
  );
}

/** Ask again, every few seconds for a minute, while a report just stored has not reached the shared view. */
function usePendingPoll(pending: boolean, fetching: boolean, reexecute: () => void): boolean {
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!pending || fetching || polls >= PENDING_POLLS) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      reexecute();
    }, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, fetching, polls, reexecute]);
  return polls >= PENDING_POLLS;
}

/**
 * A seizure's page, `/records/<id>`: opened by every kind of user; what the viewer may not see is neither
 * asked nor drawn. Opened from the report form, it first shows that report's warnings and hits; a report the
 * shared view has not taken up yet is said to be being shared, and asked for again.
 */
export default function RecordPage() {
  const { t } = useTranslation('officer');
  const { id = '' } = useParams();
  const { me, memory } = useOfficer();
  const report = rememberedReport(memory, id);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: RecordQuery, variables: { id, identities: hasRole(me, 'REPORTING_OFFICER', 'ANALYST') } });
  const seizure = data?.seizure;
  const pending = report !== undefined && data !== undefined && seizure === null;
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const gaveUp = usePendingPoll(pending, fetching, refresh);
  const title = seizure ? t('record.title', { kind: t(`recordKind.${seizure.originator.kind}`, { defaultValue: seizure.originator.kind }) }) : t('record.titleUnknown');
  return (
    <Page title={title}>
      {report ? <ReportOutcomePanel report={report} /> : null}
      <QueryError error={error} />
      {!data && fetching ? <Loader aria-label={t('record.loading')} /> : null}
      {pending ? (
        <Alert color="blue" role="status" data-testid="record-pending" title={t('record.pendingTitle')}>
          {gaveUp ? t('record.pendingGaveUp', { id }) : t('record.pending', { id })}
        </Alert>
      ) : null}
      {data && seizure === null && !report ? (
        <Alert color="gray" data-testid="record-not-shared" title={t('record.notSharedTitle')}>
          {t('record.notShared')}
        </Alert>
      ) : null}
      {seizure ? <RecordView seizure={seizure} reported={report !== undefined} /> : null}
    </Page>
  );
}
