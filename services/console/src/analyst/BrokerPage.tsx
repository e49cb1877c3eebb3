import { Alert, Anchor, Group, List, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../graphql';
import { formatDate, formatDateTime, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { TlpBadge } from '../ui/Redaction';
import { BrokerStatusBadge } from './BrokerStatusBadge';
import './messages';

const BrokerQuery = graphql(`
  query Broker($id: ID!) {
    broker(id: $id) {
      id
      name
      registrationNumber
      state
      status
      statusReason
      statusChangedAt
      validUntil
      nationality
      residence
      activities
      conditions
      registeredBy {
        id
        name
      }
      registeredAt
      licences {
        id
        quantity
        category
        exportingState
        importingState
        transitStates
        endUser
        validUntil
        grantedAt
        inForce
      }
      flags {
        id
        reason
        seizureId
        flaggedAt
      }
      handling {
        tlp
        notice
      }
    }
  }
`);

type Broker = NonNullable<ResultOf<typeof BrokerQuery>['broker']>;

/** The register's entry, as label and value rows. */
function Registration({ broker }: { broker: Broker }) {
  const { t, i18n } = useTranslation('analyst');
  const lng = i18n.language;
  const country = (code: string | null | undefined) => (code ? countryName(code, lng) : t('broker.unknown'));
  const rows: [string, string][] = [
    [t('brokers.registrationNumber'), broker.registrationNumber],
    [t('filter.state'), countryName(broker.state, lng)],
    [t('broker.registeredBy'), `${broker.registeredBy.name} (${broker.registeredBy.id})`],
    [t('broker.registeredAt'), formatDate(broker.registeredAt, lng)],
    [t('brokers.validUntil'), formatDate(broker.validUntil, lng)],
    [t('brokers.activities'), broker.activities.map((a) => t(`activity.${a}`)).join(', ')],
    [t('broker.nationality'), country(broker.nationality)],
    [t('broker.residence'), country(broker.residence)],
    [t('broker.conditions'), broker.conditions ?? t('broker.none')],
  ];
  return (
    <Table variant="vertical" withTableBorder data-testid="broker-registration">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={260}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Licences({ licences }: { licences: Broker['licences'] }) {
  const { t, i18n } = useTranslation('analyst');
  const lng = i18n.language;
  if (licences.length === 0) return <Text>{t('broker.noLicence')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped data-testid="broker-licences">
        <Table.Thead>
          <Table.Tr>
            {['granted', 'quantity', 'route', 'endUser', 'validUntil', 'inForce'].map((c) => (
              <Table.Th scope="col" key={c}>
                {t(`licence.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {licences.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{formatDate(l.grantedAt, lng)}</Table.Td>
              <Table.Td>{`${formatNumber(l.quantity, lng)} × ${t(`category.${l.category}`, { defaultValue: l.category })}`}</Table.Td>
              <Table.Td>{[l.exportingState, ...l.transitStates, l.importingState].map((c) => countryName(c, lng)).join(' → ')}</Table.Td>
              <Table.Td>{l.endUser}</Table.Td>
              <Table.Td>{formatDate(l.validUntil, lng)}</Table.Td>
              <Table.Td>{l.inForce ? t('licence.yes') : t('licence.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Flags({ flags }: { flags: Broker['flags'] }) {
  const { t, i18n } = useTranslation('analyst');
  if (flags.length === 0) return <Text>{t('broker.noFlag')}</Text>;
  return (
    <Table striped data-testid="broker-flags">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('flag.flaggedAt')}</Table.Th>
          <Table.Th scope="col">{t('flag.reason')}</Table.Th>
          <Table.Th scope="col">{t('flag.seizure')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {flags.map((f) => (
          <Table.Tr key={f.id}>
            <Table.Td>{formatDateTime(f.flaggedAt, i18n.language)}</Table.Td>
            <Table.Td>{f.reason}</Table.Td>
            <Table.Td>
              {f.seizureId ? (
                <Anchor component={Link} to={`/records/${encodeURIComponent(f.seizureId)}`}>
                  {t('flag.openSeizure')}
                </Anchor>
              ) : (
                t('flag.noSeizure')
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One broker of a register: its registration, status, licences and the activity its authority flagged. */
export default function BrokerPage() {
  const { t, i18n } = useTranslation('analyst');
  const { id = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: BrokerQuery, variables: { id } });
  const broker = data?.broker;
  if (!broker)
    return (
      <Page title={t('broker.title')}>
        {fetching ? <Text>{t('loading', { ns: 'common' })}</Text> : <QueryError error={error} />}
        {data && !fetching ? <Alert color="gray">{t('broker.notFound')}</Alert> : null}
        <Anchor component={Link} to="/brokers">
          {t('broker.back')}
        </Anchor>
      </Page>
    );
  return (
    <Page title={broker.name}>
      <Group>
        <BrokerStatusBadge status={broker.status} />
        <TlpBadge tlp={broker.handling.tlp} />
        <Anchor component={Link} to="/brokers">
          {t('broker.back')}
        </Anchor>
      </Group>
      {broker.statusReason ? (
        <Alert color={broker.status === 'REVOKED' ? 'red' : 'orange'} data-testid="broker-status-reason">
          {t('broker.statusBecause', { status: t(`status.${broker.status}`), date: formatDate(broker.statusChangedAt, i18n.language), reason: broker.statusReason })}
        </Alert>
      ) : null}
      {broker.handling.notice.length > 0 ? (
        <List size="sm" aria-label={t('broker.handling')}>
          {broker.handling.notice.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      ) : null}
      <Title order={2}>{t('broker.registration')}</Title>
      <Registration broker={broker} />
      <Title order={2}>{t('broker.licences', { count: broker.licences.length })}</Title>
      <Licences licences={broker.licences} />
      <Title order={2}>{t('broker.flags', { count: broker.flags.length })}</Title>
      <Flags flags={broker.flags} />
    </Page>
  );
}
