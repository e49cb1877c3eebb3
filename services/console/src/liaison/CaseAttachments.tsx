import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { formatDateTime, formatNumber } from '../i18n';
import { countryName } from '../ui/countries';
import { FormErrors } from '../ui/Errors';
import { HeldBy, TlpBadge } from '../ui/Redaction';
import type { CaseData } from './CasePage';
import { AttachMutation } from './caseQueries';
import { RecordLink } from './LiaisonBits';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import './messages';

type Attachment = CaseData['attachments'][number];

const STATUS_COLORS: Record<string, string> = { SHARED: 'green', AWAITING_CONSENT: 'yellow', REFUSED: 'red', WITHDRAWN: 'gray' };

/** The records the case carries: each shown only once its holder consents; until then, whose consent it awaits. */
export function CaseAttachments({ data, onChange }: { data: CaseData; onChange: () => void }) {
  const { t } = useTranslation('liaison');
  return (
    <section aria-labelledby="attachments-heading">
      <Title order={2} id="attachments-heading" mb="sm">
        {t('attachments.heading')}
      </Title>
      {data.attachments.length === 0 ? (
        <Text c="dimmed">{t('attachments.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="attachments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('attachments.record')}</Table.Th>
                <Table.Th>{t('attachments.consent')}</Table.Th>
                <Table.Th>{t('attachments.holder')}</Table.Th>
                <Table.Th>{t('attachments.attachedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.attachments.map((a) => (
                <AttachmentRow key={a.id} attachment={a} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AttachForm caseId={data.id} onDone={onChange} />
    </section>
  );
}

function AttachmentRow({ attachment: a }: { attachment: Attachment }) {
  const { t } = useTranslation('liaison');
  const holder = a.holder.id;
  return (
    <Table.Tr data-testid="attachment" data-status={a.status} data-holder={holder}>
      <Table.Td>
        {a.record ? (
          <RecordSummary record={a.record} />
        ) : (
          <Group gap="xs">
            <Text size="sm">{t(`family.${a.family}`, { defaultValue: a.family })}</Text>
            <HeldBy agency={holder} />
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[a.status] ?? 'gray'} variant="filled" data-testid="consent-status">
          {t(`consent.${a.status}`, { agency: holder, defaultValue: a.status })}
        </Badge>
      </Table.Td>
      <Table.Td>{holder}</Table.Td>
      <Table.Td>{a.attachedBy.id}</Table.Td>
    </Table.Tr>
  );
}

type Seizure = NonNullable<Attachment['record']>;

/** What the API gives of a shared seizure: where and when, its items, its handling; the record's page has the rest. */
function RecordSummary({ record }: { record: Seizure }) {
  const { t, i18n } = useTranslation('liaison');
  const items = record.items
    .slice(0, 3)
    .map((i) => [i.manufacturer, i.model, i.serialNumber].filter(Boolean).join(' '))
    .filter(Boolean);
  return (
    <Stack gap={2} data-testid="shared-record">
      <Group gap="xs">
        <RecordLink id={record.id} />
        <TlpBadge tlp={record.handling.tlp} />
      </Group>
      <Text size="sm">
        {t('record.where', { place: record.location.place, country: countryName(record.location.country, i18n.language), at: formatDateTime(record.occurredAt) })}
      </Text>
      {items.length > 0 ? (
        <Text size="sm" c="dimmed">
          {items.join(' · ')}
          {record.items.length > 3 ? ` · ${t('record.more', { n: formatNumber(record.items.length - 3) })}` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Attach a record by its id (the holder's consent is asked unless every participant may already see it). */
function AttachForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [recordId, setRecordId] = useState('');
  const [{ fetching }, attach] = useMutation(AttachMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const [outcome, setOutcome] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const result = await attach({ caseId, recordId: recordId.trim() });
    setPlaced(placeActErrors(result.error, ['recordId']));
    if (result.data) {
      const a = result.data.attachToCase;
      setOutcome(t(`attach.outcome.${a.status}`, { agency: a.holder.id, defaultValue: a.status }));
      setRecordId('');
      onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="attach-heading">
      <Title order={3} id="attach-heading" mt="md" mb="xs">
        {t('attach.heading')}
      </Title>
      <Group align="end">
        <TextInput
          label={t('attach.recordId')}
          description={t('attach.help')}
          required
          value={recordId}
          onChange={(e) => setRecordId(e.currentTarget.value)}
          error={placed.fields.recordId}
          miw={360}
        />
        <Button type="submit" loading={fetching}>
          {t('attach.submit')}
        </Button>
      </Group>
      <FormErrors errors={placed.form} />
      <div aria-live="polite">
        {outcome ? (
          <Text size="sm" mt="xs" data-testid="attach-outcome">
            {outcome}
          </Text>
        ) : null}
      </div>
    </form>
  );
}
