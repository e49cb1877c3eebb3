import { Alert, Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { type ResultOf } from '../graphql';
import { formatDateTime } from '../i18n';
import { countryName } from '../ui/countries';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { TraceStatusBadges, RecordLink } from './LiaisonBits';
import { TraceActions } from './TraceActions';
import { isClosed } from './traceOrder';
import { TraceQuery } from './traceQueries';
import './messages';

export type TraceData = NonNullable<ResultOf<typeof TraceQuery>['trace']>;

/** A tracing request: the weapon's markings, why it is asked, its deadline; the addressed point of contact answers here. */
export default function TracePage() {
  const { t, i18n } = useTranslation('liaison');
  const { id = '' } = useParams();
  const { me } = useOfficer();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TraceQuery, variables: { id } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const tr = data?.trace;
  if (!tr)
    return (
      <Page title={t('trace.title')}>
        <QueryError error={error} />
        {fetching ? <Text>{t('loading')}</Text> : data ? <Alert color="gray">{t('trace.notFound')}</Alert> : null}
      </Page>
    );
  const mayAnswer = tr.pointOfContact.id === me.agency.id && !isClosed(tr.status);
  return (
    <Page title={t('trace.heading', { state: countryName(tr.addressedState, i18n.language) })}>
      <Group gap="xs">
        <TraceStatusBadges status={tr.status} overdue={tr.overdue} escalated={tr.escalatedTo !== null} />
        <Text size="sm">{t('trace.due', { deadline: formatDateTime(tr.deadline), priority: t(`priority.${tr.priority}`) })}</Text>
      </Group>
      <QueryError error={error} />
      <TraceFacts trace={tr} />
      <TraceItem item={tr.item} />
      {tr.findings ? <Findings findings={tr.findings} /> : null}
      {tr.declineReason ? (
        <Alert color="gray" title={t('trace.declined')}>
          {tr.declineReason}
        </Alert>
      ) : null}
      {mayAnswer ? <TraceActions trace={tr} onDone={refresh} /> : null}
    </Page>
  );
}

function FactTable({ rows, label }: { rows: [string, React.ReactNode][]; label: string }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={260}>{k}</Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TraceFacts({ trace: tr }: { trace: TraceData }) {
  const { t } = useTranslation('liaison');
  const rows: [string, React.ReactNode][] = [
    [t('trace.requester'), tr.requester.id],
    [t('trace.pointOfContact'), tr.pointOfContact.id],
    [t('trace.basis'), t(`basis.${tr.basis}`)],
    [t('trace.requestedAt'), formatDateTime(tr.requestedAt)],
    [t('trace.updatedAt'), formatDateTime(tr.updatedAt)],
    [t('trace.circumstances'), tr.circumstances],
    [t('trace.illicitReason'), tr.illicitReason],
    [t('trace.intendedUse'), tr.intendedUse],
  ];
  if (tr.urgencyReason) rows.push([t('trace.urgencyReason'), tr.urgencyReason]);
  if (tr.restrictions) rows.push([t('trace.restrictions'), tr.restrictions]);
  if (tr.escalatedTo) rows.push([t('trace.escalatedTo'), tr.escalatedTo.id]);
  if (tr.seizure) rows.push([t('trace.seizure'), <RecordLink key="s" id={tr.seizure.id} />]);
  if (tr.caseId)
    rows.push([
      t('trace.case'),
      <Anchor key="c" component={Link} to={`/cases/${tr.caseId}`}>
        {t('trace.openCase')}
      </Anchor>,
    ]);
  return (
    <section aria-labelledby="trace-request-heading">
      <Title order={2} id="trace-request-heading" mb="sm">
        {t('trace.request')}
      </Title>
      <FactTable rows={rows} label={t('trace.request')} />
    </section>
  );
}

function TraceItem({ item }: { item: TraceData['item'] }) {
  const { t } = useTranslation('liaison');
  const rows: [string, React.ReactNode][] = [
    [t('item.category'), item.category],
    [t('item.manufacturer'), item.manufacturer],
    [t('item.model'), item.model],
    [t('item.calibre'), item.calibre],
    [t('item.serialNumber'), item.serialObliterated ? t('item.obliterated') : item.serialNumber],
    [t('item.countryOfManufacture'), item.countryOfManufacture],
    [t('item.importMarking'), item.importMarking],
    [t('item.otherMarkings'), item.otherMarkings],
  ];
  return (
    <section aria-labelledby="trace-item-heading">
      <Title order={2} id="trace-item-heading" mb="sm">
        {t('trace.item')}
      </Title>
      <FactTable rows={rows.map(([k, v]) => [k, v ?? '—'])} label={t('trace.item')} />
    </section>
  );
}

function Findings({ findings }: { findings: NonNullable<TraceData['findings']> }) {
  const { t } = useTranslation('liaison');
  return (
    <Stack gap="xs">
      <Title order={2}>{t('trace.findings')}</Title>
      <FactTable
        label={t('trace.findings')}
        rows={[
          [t('findings.lastLegalHolder'), findings.lastLegalHolder ?? '—'],
          [t('findings.exportHistory'), findings.exportHistory ?? '—'],
          [t('findings.importHistory'), findings.importHistory ?? '—'],
          [t('findings.comments'), findings.comments ?? '—'],
        ]}
      />
    </Stack>
  );
}
