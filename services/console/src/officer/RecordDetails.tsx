import { Group, List, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { IdentityWithheld, TlpBadge } from '../ui/Redaction';
import type { RecordSeizure } from './recordQueries';

/** A country by name in the viewer's language, with its code. */
export function useCountry(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (code) => (code ? `${countryName(code, i18n.language)} (${code})` : '—');
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table withTableBorder variant="vertical" layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="30%">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Who reported it, when and where, and how it is handled. */
export function RecordHeader({ seizure }: { seizure: RecordSeizure }) {
  const { t } = useTranslation('officer');
  const country = useCountry();
  const { handling, location } = seizure;
  const tlp = handling.tlp.replace('_', '+');
  return (
    <Facts
      rows={[
        [
          t('record.id'),
          <Text key="id" span ff="monospace" data-testid="record-id">
            {seizure.id}
          </Text>,
        ],
        [t('record.kind'), t(`recordKind.${seizure.originator.kind}`, { defaultValue: seizure.originator.kind })],
        [t('record.originator'), `${seizure.originator.name} (${seizure.originator.id})`],
        [t('record.occurredAt'), formatDateTime(seizure.occurredAt)],
        [t('record.reportedAt'), formatDateTime(seizure.reportedAt)],
        [t('record.place'), `${location.place}, ${country(location.country)} · ${t(`locationKind.${location.kind}`, { defaultValue: location.kind })}`],
        [t('record.context'), seizure.context ?? '—'],
        [
          t('record.tlp'),
          <Group key="tlp" gap="xs">
            <TlpBadge tlp={tlp} />
            <Text span size="sm">
              {t(`tlpExplained.${handling.tlp.replace('+', '_')}`, { defaultValue: '' })}
            </Text>
          </Group>,
        ],
        [t('record.handlingCode'), <HandlingNotice key="code" handling={handling} />],
        [
          t('record.reliability'),
          `${t(`reliability.${handling.reliability}`, { defaultValue: handling.reliability })} · ${t(`accuracy.${handling.accuracy}`, { defaultValue: String(handling.accuracy) })}`,
        ],
        ...(handling.releasableTo.length > 0 ? [[t('record.releasableTo'), handling.releasableTo.join(', ')] as [string, ReactNode]] : []),
      ]}
    />
  );
}

function HandlingNotice({ handling }: { handling: RecordSeizure['handling'] }) {
  return (
    <>
      <Text span fw={600}>
        {handling.code}
      </Text>
      <List size="sm">
        {handling.notice.map((n, i) => (
          <List.Item key={i}>{n}</List.Item>
        ))}
      </List>
    </>
  );
}

/** Declared origin, transit and destination. */
export function RecordRoute({ route }: { route: RecordSeizure['route'] }) {
  const { t } = useTranslation('officer');
  const country = useCountry();
  if (!route) return <Text c="dimmed">{t('record.noRoute')}</Text>;
  return (
    <Facts
      rows={[
        [t('record.routeOrigin'), country(route.origin)],
        [t('record.routeTransit'), route.transit.length > 0 ? route.transit.map((c) => country(c)).join(' → ') : '—'],
        [t('record.routeDestination'), country(route.destination)],
      ]}
    />
  );
}

/** Items seized, with their markings. */
export function RecordItems({ items }: { items: RecordSeizure['items'] }) {
  const { t } = useTranslation('officer');
  const country = useCountry();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped data-testid="record-items">
        <Table.Thead>
          <Table.Tr>
            {['itemKind', 'category', 'manufacturer', 'model', 'calibre', 'serialNumber', 'madeIn', 'quantity'].map((k) => (
              <Table.Th key={k}>{t(`record.${k}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{t(`itemKind.${item.kind}`, { defaultValue: item.kind })}</Table.Td>
              <Table.Td>{item.category ? t(`category.${item.category}`, { defaultValue: item.category }) : '—'}</Table.Td>
              <Table.Td>{item.manufacturer ?? '—'}</Table.Td>
              <Table.Td>{item.model ?? '—'}</Table.Td>
              <Table.Td>{item.calibre ?? '—'}</Table.Td>
              <Table.Td>{item.serialObliterated ? t('record.obliterated') : (item.serialNumber ?? '—')}</Table.Td>
              <Table.Td>{item.countryOfManufacture ? country(item.countryOfManufacture) : '—'}</Table.Td>
              <Table.Td>{formatNumber(item.quantity)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Linked persons: a redacted one shows role and nationality, and says its identity is withheld. */
export function RecordPersons({ persons }: { persons: RecordSeizure['persons'] }) {
  const { t } = useTranslation('officer');
  const country = useCountry();
  if (persons.length === 0) return <Text c="dimmed">{t('record.noPersons')}</Text>;
  return (
    <Table striped data-testid="record-persons">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('record.personRole')}</Table.Th>
          <Table.Th>{t('record.nationality')}</Table.Th>
          <Table.Th>{t('record.personName')}</Table.Th>
          <Table.Th>{t('record.documentNumber')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {persons.map((p, i) => (
          <Table.Tr key={i}>
            <Table.Td>{p.role}</Table.Td>
            <Table.Td>{country(p.nationality)}</Table.Td>
            <Table.Td colSpan={p.redacted ? 2 : 1}>{p.redacted ? <IdentityWithheld /> : (p.name ?? '—')}</Table.Td>
            {p.redacted ? null : <Table.Td>{p.documentNumber ?? '—'}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Conveyance, documents and brokers, when the record has any. */
export function RecordLinksData({ seizure }: { seizure: RecordSeizure }) {
  const { t } = useTranslation('officer');
  const country = useCountry();
  const rows: [string, ReactNode][] = [];
  if (seizure.conveyance)
    rows.push([t('record.conveyance'), `${t(`conveyanceMode.${seizure.conveyance.mode}`, { defaultValue: seizure.conveyance.mode })} · ${seizure.conveyance.identifier}`]);
  for (const d of seizure.documents) rows.push([t('record.document'), `${d.kind} ${d.number}${d.issuingState ? ` · ${country(d.issuingState)}` : ''}`]);
  for (const b of seizure.brokers) rows.push([t('record.broker'), [b.name, b.registrationNumber, b.state ? country(b.state) : null].filter(Boolean).join(' · ')]);
  if (rows.length === 0) return null;
  return (
    <>
      <Title order={2}>{t('record.conveyanceDocuments')}</Title>
      <Facts rows={rows} />
    </>
  );
}
