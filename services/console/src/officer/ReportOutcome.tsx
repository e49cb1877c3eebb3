import { Alert, Stack, Text, Title } from '@mantine/core';
import { HitTable } from '../ui/HitTable';
import { useTranslation } from 'react-i18next';
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

/** Serial hits of a report (the shared hit table), or that there is none. */
export function ReportHits({ hits }: { hits: ReportOutcome['hits'] }) {
  const { t } = useTranslation('officer');
  if (hits.length === 0) return <Text c="dimmed">{t('outcome.noHits')}</Text>;
  return <HitTable hits={hits} testId="report-hits" />;
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
      <ReportHits hits={report.hits} />
    </Stack>
  );
}
