import { Alert, Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../graphql';
import { formatDateTime } from '../i18n';
import { countryName } from '../ui/countries';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { HeldBy } from '../ui/Redaction';
import './messages';

const LinksQuery = graphql(`
  query SeizureLinks($id: ID!) {
    seizure(id: $id) {
      id
      occurredAt
      originator {
        id
      }
      location {
        country
        place
      }
    }
    links(seizureId: $id) {
      kind
      value
      seizure {
        id
        occurredAt
        originator {
          id
        }
        location {
          country
          place
        }
      }
    }
  }
`);

type LinkRow = ResultOf<typeof LinksQuery>['links'][number];
const KIND_ORDER = ['PERSON', 'BROKER', 'CONVEYANCE', 'DOCUMENT', 'BATCH'];

/** What the two seizures share: the value as read, or, for a person, only who holds it (identities stay with the originator). */
function Shared({ link, anchorOriginator }: { link: LinkRow; anchorOriginator: string }) {
  if (link.kind === 'PERSON') return <HeldBy agency={anchorOriginator} />;
  return <Text span>{link.value}</Text>;
}

function LinksTable({ links, anchorOriginator }: { links: readonly LinkRow[]; anchorOriginator: string }) {
  const { t, i18n } = useTranslation('analyst');
  const sorted = [...links].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.seizure.occurredAt.localeCompare(a.seizure.occurredAt));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="links-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('links.kind')}</Table.Th>
            <Table.Th scope="col">{t('links.shared')}</Table.Th>
            <Table.Th scope="col">{t('links.other')}</Table.Th>
            <Table.Th scope="col">{t('links.place')}</Table.Th>
            <Table.Th scope="col">{t('links.originator')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((link, i) => (
            <Table.Tr key={`${link.kind}-${link.seizure.id}-${i}`}>
              <Table.Td>
                <Badge variant="light" color="gray">
                  {t(`linkKind.${link.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Shared link={link} anchorOriginator={anchorOriginator} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/records/${encodeURIComponent(link.seizure.id)}`}>
                  {formatDateTime(link.seizure.occurredAt, i18n.language)}
                </Anchor>
              </Table.Td>
              <Table.Td>{`${link.seizure.location.place}, ${countryName(link.seizure.location.country, i18n.language)}`}</Table.Td>
              <Table.Td>{link.seizure.originator.id}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What links one seizure to others (a broker, a conveyance, a document, a diverted lot, a person): only seizures the viewer may see. */
export default function LinksPage() {
  const { t, i18n } = useTranslation('analyst');
  const { id = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: LinksQuery, variables: { id } });
  const seizure = data?.seizure;
  if (!data) return <Page title={t('links.title')}>{fetching ? <Text>{t('loading', { ns: 'common' })}</Text> : <QueryError error={error} />}</Page>;
  return (
    <Page title={t('links.title')}>
      <QueryError error={error} />
      {seizure ? (
        <>
          <Text>
            {t('links.of', {
              date: formatDateTime(seizure.occurredAt, i18n.language),
              place: `${seizure.location.place}, ${countryName(seizure.location.country, i18n.language)}`,
              agency: seizure.originator.id,
            })}{' '}
            <Anchor component={Link} to={`/records/${encodeURIComponent(seizure.id)}`}>
              {t('links.openRecord')}
            </Anchor>
          </Text>
          <Text>{t('links.intro')}</Text>
          {data.links.length === 0 ? (
            <Alert color="gray">{t('links.none')}</Alert>
          ) : (
            <>
              <Text data-testid="links-count">{t('links.count', { count: data.links.length })}</Text>
              <LinksTable links={data.links} anchorOriginator={seizure.originator.id} />
            </>
          )}
        </>
      ) : (
        <Alert color="gray">{t('links.notFound')}</Alert>
      )}
    </Page>
  );
}
