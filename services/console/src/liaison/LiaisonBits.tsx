import { Anchor, Badge, NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './messages';

export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type TlpLevel = (typeof TLPS)[number];

/** A TLP level for what the officer writes (a case, a note): a labelled native select. */
export function TlpSelect(props: Omit<NativeSelectProps, 'data'>) {
  const { t } = useTranslation('liaison');
  return <NativeSelect {...props} data={TLPS.map((tlp) => ({ value: tlp, label: t(`tlp.${tlp}`) }))} />;
}

const PARTICIPANT_COLORS: Record<string, string> = { ACTIVE: 'green', INVITED: 'blue', DECLINED: 'gray', LEFT: 'gray' };

/** Where an agency stands in a case, in words (colour is never the only sign). */
export function ParticipantStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('liaison');
  return (
    <Badge color={PARTICIPANT_COLORS[status] ?? 'gray'} variant="filled" data-testid="participant-status">
      {t(`participant.${status}`, { defaultValue: status })}
    </Badge>
  );
}

const TRACE_COLORS: Record<string, string> = { SENT: 'blue', ACKNOWLEDGED: 'cyan', ANSWERED: 'green', UNABLE_TO_TRACE: 'gray' };

/** A trace's status, and "overdue" beside it when its deadline has passed unanswered. */
export function TraceStatusBadges({ status, overdue, escalated }: { status: string; overdue: boolean; escalated?: boolean }) {
  const { t } = useTranslation('liaison');
  return (
    <>
      <Badge color={TRACE_COLORS[status] ?? 'gray'} variant="filled" data-testid="trace-status">
        {t(`traceStatus.${status}`, { defaultValue: status })}
      </Badge>{' '}
      {overdue ? (
        <Badge color="red" variant="filled" data-testid="trace-overdue">
          {t('trace.overdue')}
        </Badge>
      ) : null}{' '}
      {escalated ? (
        <Badge color="orange" variant="filled" data-testid="trace-escalated">
          {t('trace.escalated')}
        </Badge>
      ) : null}
    </>
  );
}

/** A link to a record's page (built by the officer screens). */
export function RecordLink({ id, label }: { id: string; label?: string }) {
  const { t } = useTranslation('liaison');
  return (
    <Anchor component={Link} to={`/records/${encodeURIComponent(id)}`} data-testid="record-link">
      {label ?? t('record.open', { id: id.slice(0, 8) })}
    </Anchor>
  );
}
