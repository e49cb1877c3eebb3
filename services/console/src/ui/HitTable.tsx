import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HeldBy } from './Redaction';

/** One serial hit as the API answers it (`Hit`: a serial check's, or a report's). */
export interface HitRow {
  holder: { id: string };
  recordId: string | null;
  recordKind: string;
  manufacturer: string;
  serialNumber: string;
}

/**
 * Serial hits: who holds a record of the same weapon, and that record where the viewer may open it; where the
 * viewer may not, whom to ask ("held by GH-CUSTOMS"). The serial check and a report's answer show them alike.
 */
export function HitTable({ hits, testId }: { hits: readonly HitRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('hitTable.holder')}</Table.Th>
          <Table.Th>{t('hitTable.recordKind')}</Table.Th>
          <Table.Th>{t('hitTable.manufacturer')}</Table.Th>
          <Table.Th>{t('hitTable.serialNumber')}</Table.Th>
          <Table.Th>{t('hitTable.record')}</Table.Th>
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
                  {t('hitTable.open')}
                </Anchor>
              ) : (
                <HeldBy agency={h.holder.id} />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
