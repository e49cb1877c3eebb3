import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDate, formatDateTime } from '../i18n';
import { QueryError } from '../ui/Errors';
import { HitNoticeTable } from './HitNoticeTable';
import { HitNoticesQuery, RecordReadsQuery, type RecordSeizure } from './recordQueries';

/** What became of each item so far. */
export function RecordDispositions({ seizure }: { seizure: RecordSeizure }) {
  const { t } = useTranslation('officer');
  if (seizure.dispositions.length === 0) return <Text c="dimmed">{t('record.noDispositions')}</Text>;
  const itemName = (itemId: string) => {
    const item = seizure.items.find((i) => i.id === itemId);
    return item ? [item.manufacturer, item.model, item.serialNumber].filter(Boolean).join(' ') || itemId : itemId;
  };
  return (
    <Table striped data-testid="record-dispositions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('record.item')}</Table.Th>
          <Table.Th>{t('record.disposition')}</Table.Th>
          <Table.Th>{t('record.date')}</Table.Th>
          <Table.Th>{t('record.method')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {seizure.dispositions.map((d, i) => (
          <Table.Tr key={i}>
            <Table.Td>{itemName(d.itemId)}</Table.Td>
            <Table.Td>{t(`dispositionKind.${d.disposition}`, { defaultValue: d.disposition })}</Table.Td>
            <Table.Td>{formatDate(d.date)}</Table.Td>
            <Table.Td>{d.method ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Other agencies whose serial checks matched this record (asked only of the originating agency's officers who may see hit notices). */
export function RecordHits({ recordId }: { recordId: string }) {
  const { t } = useTranslation('officer');
  const [{ data, error }] = useQuery({ query: HitNoticesQuery, variables: { first: 200, after: null } });
  const hits = data?.hitsOnMyRecords.nodes.filter((h) => h.recordId === recordId) ?? [];
  return (
    <>
      <Title order={2}>{t('record.hitsOnIt')}</Title>
      <QueryError error={error} />
      {data && hits.length === 0 ? <Text c="dimmed">{t('record.noHitsOnIt')}</Text> : null}
      {hits.length > 0 ? <HitNoticeTable notices={hits} withRecord={false} testId="record-hits" /> : null}
    </>
  );
}

/** Who read this record, from the access audit (asked only of the originating agency's administrators). */
export function RecordReads({ recordId }: { recordId: string }) {
  const { t } = useTranslation('officer');
  const [{ data, error }] = useQuery({ query: RecordReadsQuery, variables: { recordId } });
  const reads = data?.readsOfMyRecords ?? [];
  return (
    <>
      <Title order={2}>{t('record.reads')}</Title>
      <QueryError error={error} />
      {data && reads.length === 0 ? <Text c="dimmed">{t('record.noReads')}</Text> : null}
      {reads.length > 0 ? (
        <Table striped data-testid="record-reads">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('record.reader')}</Table.Th>
              <Table.Th>{t('record.readerSubject')}</Table.Th>
              <Table.Th>{t('record.readKind')}</Table.Th>
              <Table.Th>{t('record.readAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reads.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>{r.reader.id}</Table.Td>
                <Table.Td>{r.readerSubject}</Table.Td>
                <Table.Td>{t(`readKind.${r.kind}`, { defaultValue: r.kind })}</Table.Td>
                <Table.Td>{formatDateTime(r.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
