import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { type ResultOf } from '../graphql';
import { formatDateTime } from '../i18n';
import { FormErrors, QueryError } from '../ui/Errors';
import { RecordLink } from './LiaisonBits';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import { DecideMutation, ShareRequestsQuery, WithdrawMutation } from './requestQueries';
import './messages';

type Request = ResultOf<typeof ShareRequestsQuery>['shareRequests'][number];

/** Share requests for the agency's records: PENDING ones to grant or refuse, GRANTED ones to withdraw. */
export function ShareRequests({ status }: { status: 'PENDING' | 'GRANTED' }) {
  const { t } = useTranslation('liaison');
  // A decision in one list changes the other, even while that one is empty (no ShareRequest in it for urql's cache to see).
  const context = useMemo(() => ({ additionalTypenames: ['ShareRequest'] }), []);
  const [{ data, error }, reexecute] = useQuery({ query: ShareRequestsQuery, variables: { status }, context });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const requests = data?.shareRequests ?? [];
  const id = `share-${status.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {t(`shares.heading.${status}`)}
      </Title>
      <QueryError error={error} />
      {data && requests.length === 0 ? <Text c="dimmed">{t(`shares.none.${status}`)}</Text> : null}
      {requests.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid={`share-requests-${status.toLowerCase()}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('shares.record')}</Table.Th>
                <Table.Th>{t('shares.case')}</Table.Th>
                <Table.Th>{t('shares.requestedBy')}</Table.Th>
                <Table.Th>{status === 'PENDING' ? t('shares.decision') : t('shares.granted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((r) => (
                <Table.Tr key={r.id} data-testid="share-request" data-request-id={r.id} data-case-id={r.case.id}>
                  <Table.Td>
                    <RequestRecord request={r} />
                  </Table.Td>
                  <Table.Td>{r.case.title ?? t('shares.caseHidden', { id: r.case.id.slice(0, 8) })}</Table.Td>
                  <Table.Td>{r.requestedBy.id}</Table.Td>
                  <Table.Td>{status === 'PENDING' ? <Decide id={r.id} onDone={refresh} /> : <Withdraw request={r} onDone={refresh} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </section>
  );
}

function RequestRecord({ request }: { request: Request }) {
  const { t } = useTranslation('liaison');
  const r = request.record;
  if (!r) return <Text size="sm">{t('shares.recordGone')}</Text>;
  return (
    <Stack gap={2}>
      <RecordLink id={r.id} />
      <Text size="sm">{t('record.occurredAt', { at: formatDateTime(r.occurredAt) })}</Text>
    </Stack>
  );
}

/** Grant or refuse; a refusal says why (the reason is optional for a grant). */
function Decide({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [reason, setReason] = useState('');
  const [{ fetching }, decide] = useMutation(DecideMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const run = async (grant: boolean) => {
    const why = reason.trim();
    if (!grant && !why) return setPlaced({ fields: { reason: t('shares.reasonRequired') }, form: [] });
    const result = await decide({ id, grant, reason: why || null });
    setPlaced(placeActErrors(result.error, ['reason']));
    if (!result.error) onDone();
  };
  return (
    <Stack gap="xs">
      <TextInput
        label={t('shares.reason')}
        description={t('shares.reasonHelp')}
        size="xs"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={placed.fields.reason}
      />
      <Group gap="xs">
        <Button size="xs" color="green" loading={fetching} onClick={() => void run(true)}>
          {t('shares.grant')}
        </Button>
        <Button size="xs" color="red.9" variant="outline" loading={fetching} onClick={() => void run(false)}>
          {t('shares.refuse')}
        </Button>
      </Group>
      <FormErrors errors={placed.form} />
    </Stack>
  );
}

function Withdraw({ request, onDone }: { request: Request; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [{ fetching }, withdraw] = useMutation(WithdrawMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const run = async () => {
    const result = await withdraw({ requestId: request.id });
    setPlaced(placeActErrors(result.error, []));
    if (!result.error) onDone();
  };
  return (
    <Stack gap="xs">
      {request.reason ? <Text size="sm">{t('shares.yourReason', { reason: request.reason })}</Text> : null}
      <Group>
        <Button size="xs" variant="outline" color="red.9" loading={fetching} onClick={() => void run()}>
          {t('shares.withdraw')}
        </Button>
      </Group>
      <FormErrors errors={placed.form} />
    </Stack>
  );
}
