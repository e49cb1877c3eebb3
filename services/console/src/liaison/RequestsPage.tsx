import { Anchor, Table, Text, Title } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { formatDateTime } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { InvitationAnswer } from './CaseParticipants';
import { InvitationsQuery } from './requestQueries';
import { ShareRequests } from './ShareRequests';
import './messages';

/** What awaits the officer's agency: invitations to cases, share requests for its records, and the shares it granted. */
export default function RequestsPage() {
  const { t } = useTranslation('liaison');
  return (
    <Page title={t('requests.title')} intro={t('requests.intro')}>
      <Invitations />
      <ShareRequests status="PENDING" />
      <ShareRequests status="GRANTED" />
    </Page>
  );
}

function Invitations() {
  const { t } = useTranslation('liaison');
  const { me } = useOfficer();
  const context = useMemo(() => ({ additionalTypenames: ['Case'] }), []);
  const [{ data, error }, reexecute] = useQuery({ query: InvitationsQuery, variables: { first: 50 }, context });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const invited = (data?.cases.nodes ?? []).filter((c) => c.participants.some((p) => p.agency.id === me.agency.id && p.status === 'INVITED'));
  return (
    <section aria-labelledby="invitations-heading">
      <Title order={2} id="invitations-heading" mb="sm">
        {t('invitations.heading')}
      </Title>
      <QueryError error={error} />
      {data && invited.length === 0 ? <Text c="dimmed">{t('invitations.none')}</Text> : null}
      {invited.length > 0 ? (
        <Table striped data-testid="invitations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invitations.case')}</Table.Th>
              <Table.Th>{t('invitations.openedBy')}</Table.Th>
              <Table.Th>{t('invitations.openedAt')}</Table.Th>
              <Table.Th>{t('invitations.answer')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invited.map((c) => (
              <Table.Tr key={c.id} data-testid="invitation" data-case-id={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${c.id}`}>
                    {c.title}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {c.summary}
                  </Text>
                </Table.Td>
                <Table.Td>{c.openedBy.id}</Table.Td>
                <Table.Td>{formatDateTime(c.openedAt)}</Table.Td>
                <Table.Td>
                  <InvitationAnswer caseId={c.id} onDone={refresh} compact />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </section>
  );
}
