import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { TlpBadge } from '../ui/Redaction';
import './messages';

export interface SeizureRow {
  id: string;
  occurredAt: string;
  originator: { id: string };
  location: { country: string; place: string };
  items: readonly { kind: string; category?: string | null; manufacturer?: string | null; quantity: number }[];
  handling: { tlp: string };
}

/** "2 × Assault rifle, 150 × Ammunition": the items by category (or kind), in the user's language. */
function useItemSummary(): (items: SeizureRow['items']) => string {
  const { t, i18n } = useTranslation('analyst');
  return (items) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const what =
        item.kind === 'WEAPON' && item.category ? t(`category.${item.category}`, { defaultValue: item.category }) : t(`itemKind.${item.kind}`, { defaultValue: item.kind });
      counts.set(what, (counts.get(what) ?? 0) + item.quantity);
    }
    return [...counts].map(([what, n]) => `${formatNumber(n, i18n.language)} × ${what}`).join(', ');
  };
}

/** Seizures, each opening its record (`/records/<id>`). */
export function SeizureTable({ rows }: { rows: readonly SeizureRow[] }) {
  const { t, i18n } = useTranslation('analyst');
  const summary = useItemSummary();
  const manufacturers = (items: SeizureRow['items']) => [...new Set(items.flatMap((i) => (i.manufacturer ? [i.manufacturer] : [])))].join(', ');
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped data-testid="seizure-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('search.occurredAt')}</Table.Th>
            <Table.Th scope="col">{t('search.place')}</Table.Th>
            <Table.Th scope="col">{t('search.originator')}</Table.Th>
            <Table.Th scope="col">{t('search.items')}</Table.Th>
            <Table.Th scope="col">{t('search.manufacturers')}</Table.Th>
            <Table.Th scope="col" miw={130}>
              {t('search.tlp')}
            </Table.Th>
            <Table.Th scope="col">{t('search.links')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/records/${encodeURIComponent(s.id)}`}>
                  {formatDateTime(s.occurredAt, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>{`${s.location.place}, ${countryName(s.location.country, i18n.language)}`}</Table.Td>
              <Table.Td>{s.originator.id}</Table.Td>
              <Table.Td>{summary(s.items)}</Table.Td>
              <Table.Td>{manufacturers(s.items)}</Table.Td>
              <Table.Td>
                <TlpBadge tlp={s.handling.tlp} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/records/${encodeURIComponent(s.id)}/links`}>
                  {t('search.openLinks')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
