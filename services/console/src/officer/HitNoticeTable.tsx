import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../i18n';
import type { HitNotice } from './recordQueries';
import './messages';

/** Who checked a serial number a record of the agency holds, when first and last, how often; `withRecord` adds the record's link. */
export function HitNoticeTable({ notices, withRecord, testId }: { notices: readonly HitNotice[]; withRecord: boolean; testId: string }) {
  const { t } = useTranslation('officer');
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {withRecord ? <Table.Th>{t('hits.record')}</Table.Th> : null}
          <Table.Th>{t('hits.queriedBy')}</Table.Th>
          <Table.Th>{t('hits.firstAt')}</Table.Th>
          <Table.Th>{t('hits.lastAt')}</Table.Th>
          <Table.Th>{t('hits.count')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {notices.map((h) => (
          <Table.Tr key={`${h.recordId}-${h.queriedBy.id}`}>
            {withRecord ? (
              <Table.Td>
                <Anchor component={Link} to={`/records/${encodeURIComponent(h.recordId)}`} ff="monospace">
                  {h.recordId}
                </Anchor>
              </Table.Td>
            ) : null}
            <Table.Td>{`${h.queriedBy.id} (${h.queriedBy.country})`}</Table.Td>
            <Table.Td>{formatDateTime(h.firstAt)}</Table.Td>
            <Table.Td>{formatDateTime(h.at)}</Table.Td>
            <Table.Td>{formatNumber(h.count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
