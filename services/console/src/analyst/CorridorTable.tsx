import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { formatChange } from './format';
import './messages';

export interface CorridorRow {
  id: string;
  legs: readonly string[];
  seizures: number;
  weapons: number;
  states: readonly string[];
  firstSeen?: string | null | undefined;
  lastSeen?: string | null | undefined;
  trend?: number | null | undefined;
  observations: number;
}

/** The ranked corridors in words: the map's text alternative. `offset` is the rank before this page's first. */
export function CorridorTable({ rows, offset, caption }: { rows: readonly CorridorRow[]; offset: number; caption: string }) {
  const { t, i18n } = useTranslation('analyst');
  const lng = i18n.language;
  const trend = (value: number | null | undefined) => (value === null || value === undefined ? t('corridors.noTrend') : formatChange(value, lng));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped data-testid="corridor-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('corridors.rank')}</Table.Th>
            <Table.Th scope="col">{t('corridors.legs')}</Table.Th>
            <Table.Th scope="col">{t('corridors.seizures')}</Table.Th>
            <Table.Th scope="col">{t('corridors.weapons')}</Table.Th>
            <Table.Th scope="col">{t('corridors.trend')}</Table.Th>
            <Table.Th scope="col">{t('corridors.firstSeen')}</Table.Th>
            <Table.Th scope="col">{t('corridors.lastSeen')}</Table.Th>
            <Table.Th scope="col">{t('corridors.reportedBy')}</Table.Th>
            <Table.Th scope="col">{t('corridors.observations')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.id} data-corridor={r.id}>
              <Table.Td>{formatNumber(offset + i + 1, lng)}</Table.Td>
              <Table.Th scope="row" fw={500}>
                {r.legs.map((code) => countryName(code, lng)).join(' → ')}
              </Table.Th>
              <Table.Td>{formatNumber(r.seizures, lng)}</Table.Td>
              <Table.Td>{formatNumber(r.weapons, lng)}</Table.Td>
              <Table.Td>{trend(r.trend)}</Table.Td>
              <Table.Td>{r.firstSeen ? formatDate(r.firstSeen, lng) : <Text span>{t('corridors.onlyObserved')}</Text>}</Table.Td>
              <Table.Td>{formatDate(r.lastSeen, lng)}</Table.Td>
              <Table.Td>{r.states.map((code) => countryName(code, lng)).join(', ')}</Table.Td>
              <Table.Td>{formatNumber(r.observations, lng)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
