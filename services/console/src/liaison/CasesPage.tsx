import { Anchor, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { formatDateTime, formatNumber } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { Pager } from '../ui/Pager';
import { TlpBadge } from '../ui/Redaction';
import { CasesQuery } from './caseQueries';
import { ParticipantStatusBadge } from './LiaisonBits';
import { OpenCaseForm } from './OpenCaseForm';
import './messages';

const PAGE = 20;

/** The cases the officer's agency takes part in or is invited to, and a form to open one. */
export default function CasesPage() {
  const { t } = useTranslation('liaison');
  return (
    <Page title={t('cases.title')} intro={t('cases.intro')}>
      <CaseList />
      <OpenCaseForm />
    </Page>
  );
}

function CaseList() {
  const { t } = useTranslation('liaison');
  const { me } = useOfficer();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: CasesQuery, variables: { first: PAGE, after } });
  const cases = data?.cases;
  return (
    <section aria-labelledby="my-cases-heading">
      <Title order={2} id="my-cases-heading" mb="sm">
        {t('cases.mine', { total: formatNumber(cases?.totalCount ?? 0) })}
      </Title>
      <QueryError error={error} />
      {cases && cases.nodes.length === 0 ? <Text c="dimmed">{t('cases.none')}</Text> : null}
      {cases && cases.nodes.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="cases-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.col.title')}</Table.Th>
                <Table.Th>{t('cases.col.openedBy')}</Table.Th>
                <Table.Th>{t('cases.col.openedAt')}</Table.Th>
                <Table.Th>{t('cases.col.handling')}</Table.Th>
                <Table.Th>{t('cases.col.participants')}</Table.Th>
                <Table.Th>{t('cases.col.myStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.nodes.map((c) => {
                const mine = c.participants.find((p) => p.agency.id === me.agency.id);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`}>
                        {c.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.openedBy.id}</Table.Td>
                    <Table.Td>{formatDateTime(c.openedAt)}</Table.Td>
                    <Table.Td>
                      <TlpBadge tlp={c.handling.tlp} />
                    </Table.Td>
                    <Table.Td>{formatNumber(c.participants.filter((p) => p.status === 'ACTIVE').length)}</Table.Td>
                    <Table.Td>{mine ? <ParticipantStatusBadge status={mine.status} /> : null}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {fetching && !cases ? <Text>{t('loading')}</Text> : null}
      {cases ? (
        <Pager
          hasNext={cases.pageInfo.hasNextPage}
          onNext={() => setAfter(cases.pageInfo.endCursor ?? null)}
          onFirst={() => setAfter(null)}
          atFirst={after === null}
          shown={cases.nodes.length}
        />
      ) : null}
    </section>
  );
}
