import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportOutcome } from './useReportSubmit';

const WARNING_COLORS: Record<string, string> = { EMBARGO: 'red', EMBARGO_PARTIAL: 'orange', HIT: 'orange', HIT_CHECK_UNAVAILABLE: 'yellow' };

/** Warnings, each titled in the officer's language with the network's own words beneath. */
export function WarningList({ warnings, testId }: { warnings: readonly { code: string; message: string }[]; testId: string }) {
  const { t } = useTranslation('officer');
  if (warnings.length === 0) return <Text c="dimmed">{t('record.noWarnings')}</Text>;
  return (
    <Stack gap="xs" data-testid={testId}>
      {warnings.map((w, i) => (
        <Alert key={i} color={WARNING_COLORS[w.code] ?? 'yellow'} title={t(`warningCode.${w.code}`, { defaultValue: w.code })} data-testid="warning" data-code={w.code}>
          {w.message}
        </Alert>
      ))}
    </Stack>
  );
}

/** Serial hits of a report: who holds a record of the same weapon, and the record where the viewer may open it. */
export function HitTable({ hits }: { hits: ReportOutcome['hits'] }) {
  const { t } = useTranslation('officer');
  if (hits.length === 0) return <Text c="dimmed">{t('outcome.noHits')}</Text>;
  return (
    <Table striped data-testid="report-hits">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('outcome.holder')}</Table.Th>
          <Table.Th>{t('outcome.recordKind')}</Table.Th>
          <Table.Th>{t('record.manufacturer')}</Table.Th>
          <Table.Th>{t('record.serialNumber')}</Table.Th>
          <Table.Th>{t('outcome.record')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {hits.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td>{h.holder.id}</Table.Td>
            <Table.Td>{t(`hitRecordKind.${h.recordKind}`, { defaultValue: h.recordKind })}</Table.Td>
            <Table.Td>{h.manufacturer}</Table.Td>
            <Table.Td>{h.serialNumber}</Table.Td>
            <Table.Td>
              {h.recordId ? (
                <Anchor component={Link} to={`/records/${encodeURIComponent(h.recordId)}`}>
                  {t('outcome.open')}
                </Anchor>
              ) : (
                t('outcome.askHolder', { agency: h.holder.id })
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The answer to the report just sent: stored, shared or being shared, its warnings and hits. */
export function ReportOutcomePanel({ report }: { report: ReportOutcome }) {
  const { t } = useTranslation('officer');
  const pending = report.sharedView === 'PENDING';
  return (
    <Stack gap="sm" data-testid="report-outcome">
      <Alert color="green" title={t('outcome.stored')} role="status">
        {pending ? t('outcome.pending') : t('outcome.current')}
      </Alert>
      <Title order={2}>{t('outcome.warnings')}</Title>
      <WarningList warnings={report.warnings} testId="report-warnings" />
      <Title order={2}>{t('outcome.hits')}</Title>
      <HitTable hits={report.hits} />
    </Stack>
  );
}
