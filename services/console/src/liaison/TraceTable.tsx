import { Anchor, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOfficer } from '../app/officer';
import { type ResultOf } from '../graphql';
import { formatDateTime } from '../i18n';
import { countryName } from '../ui/countries';
import { TraceStatusBadges } from './LiaisonBits';
import { orderTraces } from './traceOrder';
import { type TraceRowFields } from './traceQueries';
import './messages';

export type TraceRow = ResultOf<typeof TraceRowFields>;

/** Tracing requests, overdue first then by deadline (traceOrder.ts), each linking to its page. */
export function TraceTable({ traces }: { traces: readonly TraceRow[] }) {
  const { t, i18n } = useTranslation('liaison');
  const { me } = useOfficer();
  const ordered = useMemo(() => orderTraces(traces), [traces]);
  if (ordered.length === 0) return <Text c="dimmed">{t('traces.none')}</Text>;
  const direction = (tr: TraceRow): string =>
    tr.requester.id === me.agency.id ? t('traces.sent') : tr.addressedState === me.state && me.kind !== 'LIAISON' ? t('traces.received') : t('traces.region');
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped data-testid="traces-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('traces.col.deadline')}</Table.Th>
            <Table.Th>{t('traces.col.status')}</Table.Th>
            <Table.Th>{t('traces.col.direction')}</Table.Th>
            <Table.Th>{t('traces.col.parties')}</Table.Th>
            <Table.Th>{t('traces.col.item')}</Table.Th>
            <Table.Th>{t('traces.col.priority')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((tr) => (
            <Table.Tr key={tr.id} data-testid="trace-row" data-trace-id={tr.id} data-overdue={tr.overdue}>
              <Table.Td>
                <Anchor component={Link} to={`/traces/${tr.id}`}>
                  {formatDateTime(tr.deadline)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <TraceStatusBadges status={tr.status} overdue={tr.overdue} escalated={tr.escalatedTo !== null} />
              </Table.Td>
              <Table.Td>{direction(tr)}</Table.Td>
              <Table.Td>{t('traces.parties', { requester: tr.requester.id, state: countryName(tr.addressedState, i18n.language), contact: tr.pointOfContact.id })}</Table.Td>
              <Table.Td>{[tr.item.manufacturer, tr.item.model, tr.item.serialNumber].filter(Boolean).join(' ')}</Table.Td>
              <Table.Td>{t(`priority.${tr.priority}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
