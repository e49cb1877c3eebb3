import { Alert, Button, Group, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useOfficer } from '../app/officer';
import { countryName } from '../ui/countries';
import { FormErrors } from '../ui/Errors';
import type { CaseData } from './CasePage';
import { AgenciesQuery, InviteMutation, LeaveMutation, RespondMutation } from './caseQueries';
import { ParticipantStatusBadge } from './LiaisonBits';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import './messages';

/** Who takes part, and where each stands; the opener invites, any other active participant may leave. */
export function CaseParticipants({ data, myStatus, onChange }: { data: CaseData; myStatus: string | undefined; onChange: () => void }) {
  const { t, i18n } = useTranslation('liaison');
  const { me } = useOfficer();
  const opener = data.openedBy.id === me.agency.id;
  return (
    <section aria-labelledby="participants-heading">
      <Title order={2} id="participants-heading" mb="sm">
        {t('participants.heading')}
      </Title>
      <Table striped data-testid="participants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('participants.agency')}</Table.Th>
            <Table.Th>{t('participants.country')}</Table.Th>
            <Table.Th>{t('participants.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.participants.map((p) => (
            <Table.Tr key={p.agency.id} data-testid="participant" data-agency={p.agency.id}>
              <Table.Td>{p.agency.id}</Table.Td>
              <Table.Td>{countryName(p.agency.country, i18n.language)}</Table.Td>
              <Table.Td>
                <ParticipantStatusBadge status={p.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {opener && myStatus === 'ACTIVE' ? <InviteForm data={data} onDone={onChange} /> : null}
      {!opener && myStatus === 'ACTIVE' ? <LeaveButton caseId={data.id} onDone={onChange} /> : null}
    </section>
  );
}

function InviteForm({ data, onDone }: { data: CaseData; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [{ data: agencies }] = useQuery({ query: AgenciesQuery });
  const [{ fetching }, invite] = useMutation(InviteMutation);
  const [agencyId, setAgencyId] = useState('');
  const [placed, setPlaced] = useState(NO_ERRORS);
  const taken = new Set(data.participants.filter((p) => p.status === 'ACTIVE' || p.status === 'INVITED').map((p) => p.agency.id));
  const options = (agencies?.agencies ?? []).filter((a) => !taken.has(a.id)).map((a) => ({ value: a.id, label: `${a.id} · ${a.name}` }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!agencyId) return setPlaced({ fields: { agencyId: t('invite.choose') }, form: [] });
    const result = await invite({ caseId: data.id, agencyId });
    setPlaced(placeActErrors(result.error, ['agencyId']));
    if (!result.error) {
      setAgencyId('');
      onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Group align="end" mt="sm">
        <NativeSelect
          label={t('invite.agency')}
          value={agencyId}
          onChange={(e) => setAgencyId(e.currentTarget.value)}
          data={[{ value: '', label: '—' }, ...options]}
          error={placed.fields.agencyId}
          miw={280}
        />
        <Button type="submit" loading={fetching}>
          {t('invite.submit')}
        </Button>
      </Group>
      <FormErrors errors={placed.form} />
    </form>
  );
}

function LeaveButton({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [{ fetching }, leave] = useMutation(LeaveMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const [confirming, setConfirming] = useState(false);
  const run = async () => {
    const result = await leave({ caseId });
    setPlaced(placeActErrors(result.error, []));
    if (!result.error) onDone();
  };
  return (
    <Group mt="sm">
      {confirming ? (
        <>
          <Text size="sm">{t('leave.confirm')}</Text>
          <Button color="red" loading={fetching} onClick={() => void run()}>
            {t('leave.yes')}
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('leave.no')}
          </Button>
        </>
      ) : (
        <Button variant="default" onClick={() => setConfirming(true)}>
          {t('leave.button')}
        </Button>
      )}
      <FormErrors errors={placed.form} />
    </Group>
  );
}

/** Accept or decline an invitation to a case (on the case's page and on "Awaiting me"). */
export function InvitationAnswer({ caseId, onDone, compact = false }: { caseId: string; onDone: () => void; compact?: boolean }) {
  const { t } = useTranslation('liaison');
  const [{ fetching }, respond] = useMutation(RespondMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const answer = async (accept: boolean) => {
    const result = await respond({ caseId, accept });
    setPlaced(placeActErrors(result.error, []));
    if (!result.error) onDone();
  };
  const buttons = (
    <Group gap="xs">
      <Button size={compact ? 'xs' : 'sm'} loading={fetching} onClick={() => void answer(true)}>
        {t('invitation.accept')}
      </Button>
      <Button size={compact ? 'xs' : 'sm'} variant="default" loading={fetching} onClick={() => void answer(false)}>
        {t('invitation.decline')}
      </Button>
      <FormErrors errors={placed.form} />
    </Group>
  );
  if (compact) return buttons;
  return (
    <Alert color="blue" title={t('invitation.pending')}>
      {buttons}
    </Alert>
  );
}
