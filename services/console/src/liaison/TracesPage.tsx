import { Checkbox, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { readFragment } from '../graphql';
import { formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { TraceTable } from './TraceTable';
import { TraceRowFields, TracesQuery } from './traceQueries';
import './messages';

const PAGE = 50;
const ROLES = ['', 'REQUESTED', 'ADDRESSED', 'REGION'] as const;
const STATUSES = ['', 'SENT', 'ACKNOWLEDGED', 'ANSWERED', 'UNABLE_TO_TRACE'] as const;
type Role = Exclude<(typeof ROLES)[number], ''>;
type Status = Exclude<(typeof STATUSES)[number], ''>;

/**
 * The overdue requests of the same filter, all on top whatever page the list below is at: the list is in deadline
 * order across every status, so overdue ones could otherwise sit pages in behind old answered requests.
 */
function OverdueTraces({ role, status }: { role: Role | ''; status: Status | '' }) {
  const { t } = useTranslation('liaison');
  const [{ data }] = useQuery({ query: TracesQuery, variables: { role: role || null, status: status || null, overdue: true, first: PAGE, after: null } });
  const page = data?.traces;
  if (!page || page.totalCount === 0) return null;
  return (
    <Stack gap="xs" data-testid="overdue-traces">
      <Title order={2}>{t('traces.overdueTitle', { total: formatNumber(page.totalCount) })}</Title>
      <TraceTable traces={readFragment(TraceRowFields, page.nodes)} />
    </Stack>
  );
}

/** Tracing requests the agency sent and received (and, for a liaison point, those of its region): overdue first, then by deadline. */
export default function TracesPage() {
  const { t } = useTranslation('liaison');
  const { me } = useOfficer();
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<Status | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const variables = { role: role || null, status: status || null, overdue: overdue ? true : null, first: PAGE, after };
  const [{ data, error, fetching }] = useQuery({ query: TracesQuery, variables });
  const page = data?.traces;
  const rows = readFragment(TraceRowFields, page?.nodes ?? []);
  const roles = ROLES.filter((r) => r !== 'REGION' || me.kind === 'LIAISON');
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setAfter(null);
    };
  return (
    <Page title={t('traces.title')} intro={t('traces.intro')}>
      <Group align="end">
        <NativeSelect
          label={t('traces.role')}
          value={role}
          onChange={(e) => reset(setRole)(e.currentTarget.value as Role | '')}
          data={roles.map((r) => ({ value: r, label: t(`traces.roleOption.${r || 'ALL'}`) }))}
        />
        <NativeSelect
          label={t('traces.status')}
          value={status}
          onChange={(e) => reset(setStatus)(e.currentTarget.value as Status | '')}
          data={STATUSES.map((s) => ({ value: s, label: s ? t(`traceStatus.${s}`) : t('traces.anyStatus') }))}
        />
        <Checkbox label={t('traces.overdueOnly')} checked={overdue} onChange={(e) => reset(setOverdue)(e.currentTarget.checked)} mb={8} />
      </Group>
      <QueryError error={error} />
      {overdue ? null : <OverdueTraces role={role} status={status} />}
      {fetching && !page ? <Text>{t('loading')}</Text> : null}
      {page ? (
        <>
          <Text size="sm" c="dimmed">
            {t('traces.total', { total: formatNumber(page.totalCount) })}
          </Text>
          <TraceTable traces={rows} />
          <Pager
            hasNext={page.pageInfo.hasNextPage}
            onNext={() => setAfter(page.pageInfo.endCursor ?? null)}
            onFirst={() => setAfter(null)}
            atFirst={after === null}
            shown={rows.length}
          />
        </>
      ) : null}
    </Page>
  );
}
