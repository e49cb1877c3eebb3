import { Alert, Anchor, Badge, Group, List, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { type ResultOf } from '../graphql';
import { formatDateTime } from '../i18n';
import { QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { TlpBadge } from '../ui/Redaction';
import { CaseAttachments } from './CaseAttachments';
import { CaseParticipants, InvitationAnswer } from './CaseParticipants';
import { CaseQuery } from './caseQueries';
import { CaseTimelineSection } from './CaseTimelineSection';
import { TraceStatusBadges } from './LiaisonBits';
import './messages';

export type CaseData = NonNullable<ResultOf<typeof CaseQuery>['case']>;

/** A case: who takes part, the records it carries under their holders' consent, its notes and one timeline. */
export default function CasePage() {
  const { t } = useTranslation('liaison');
  const { id = '' } = useParams();
  const { me } = useOfficer();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CaseQuery, variables: { id } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const c = data?.case;
  if (!c)
    return (
      <Page title={t('case.title')}>
        <QueryError error={error} />
        {fetching ? <Text>{t('loading')}</Text> : data ? <Alert color="gray">{t('case.notFound')}</Alert> : null}
      </Page>
    );
  const myStatus = c.participants.find((p) => p.agency.id === me.agency.id)?.status;
  const active = myStatus === 'ACTIVE';
  return (
    <Page title={c.title} intro={c.summary}>
      <Group gap="xs">
        <TlpBadge tlp={c.handling.tlp} />
        <Badge variant="outline" color="gray">
          {c.handling.code}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('case.opened', { agency: c.openedBy.id, at: formatDateTime(c.openedAt) })}
        </Text>
      </Group>
      {c.handling.notice.length > 0 ? (
        <List size="sm" c="dimmed">
          {c.handling.notice.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      ) : null}
      <QueryError error={error} />
      {myStatus === 'INVITED' ? <InvitationAnswer caseId={c.id} onDone={refresh} /> : null}
      {myStatus && !active && myStatus !== 'INVITED' ? <Alert color="gray">{t('case.notActive', { status: t(`participant.${myStatus}`) })}</Alert> : null}
      <CaseParticipants data={c} myStatus={myStatus} onChange={refresh} />
      {active ? (
        <>
          <CaseAttachments data={c} onChange={refresh} />
          <CaseTraces traces={c.traces} />
          <CaseTimelineSection data={c} onChange={refresh} />
        </>
      ) : null}
    </Page>
  );
}

function CaseTraces({ traces }: { traces: CaseData['traces'] }) {
  const { t } = useTranslation('liaison');
  if (traces.length === 0) return null;
  return (
    <section aria-labelledby="case-traces-heading">
      <Title order={2} id="case-traces-heading" mb="sm">
        {t('case.traces')}
      </Title>
      <List>
        {traces.map((tr) => (
          <List.Item key={tr.id}>
            <Anchor component={Link} to={`/traces/${tr.id}`}>
              {t('case.traceTo', { state: tr.addressedState, deadline: formatDateTime(tr.deadline) })}
            </Anchor>{' '}
            <TraceStatusBadges status={tr.status} overdue={tr.overdue} />
          </List.Item>
        ))}
      </List>
    </section>
  );
}
