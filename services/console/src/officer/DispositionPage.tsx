import './messages';
import { Alert, Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { placeErrors, type PlacedErrors } from '../api/errors';
import { hasRole, useOfficer } from '../app/officer';
import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { apiErrors, FormErrors, QueryError } from '../ui/Errors';
import { Page } from '../ui/Page';
import { enumOptions } from './reportSection';

const DispositionRecordQuery = graphql(`
  query DispositionRecord($id: ID!) {
    seizure(id: $id) {
      id
      originator {
        id
      }
      items {
        id
        kind
        manufacturer
        model
        serialNumber
      }
      dispositions {
        itemId
        disposition
      }
    }
  }
`);

const RecordDisposition = graphql(`
  mutation RecordDisposition($input: DispositionInput!) {
    recordDisposition(input: $input) {
      itemId
      disposition
      date
      method
    }
  }
`);

type DispositionInput = VariablesOf<typeof RecordDisposition>['input'];
type Kind = DispositionInput['disposition'];
type Seizure = NonNullable<ResultOf<typeof DispositionRecordQuery>['seizure']>;
const KINDS = ['DESTROYED', 'RETAINED_AS_EVIDENCE', 'TRANSFERRED_TO_AUTHORISED_USE'] as const;
const TEXT_FIELDS = ['method', 'witness', 'authority', 'note'] as const;
const FIELD_KEYS = ['itemId', 'disposition', 'date', ...TEXT_FIELDS].map((f) => `input.${f}`);
const NO_ERRORS: PlacedErrors = { fields: {}, form: [] };

interface DispositionForm extends Record<(typeof TEXT_FIELDS)[number], string> {
  itemId: string;
  disposition: Kind;
  date: string;
}

/** The form → the API's input: text trimmed, empty optional fields not sent. */
function toDispositionInput(seizureId: string, form: DispositionForm): DispositionInput {
  const input: DispositionInput = { seizureId, itemId: form.itemId, disposition: form.disposition, date: form.date };
  for (const f of TEXT_FIELDS) if (form[f].trim() !== '') input[f] = form[f].trim();
  return input;
}

function DispositionFormView({ seizure }: { seizure: Seizure }) {
  const { t } = useTranslation('officer');
  const navigate = useNavigate();
  const [{ fetching }, record] = useMutation(RecordDisposition);
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const done = new Map(seizure.dispositions.map((d) => [d.itemId, d.disposition]));
  const open = seizure.items.find((i) => !done.has(i.id)) ?? seizure.items[0];
  const [form, setForm] = useState<DispositionForm>({
    itemId: open?.id ?? '',
    disposition: 'DESTROYED',
    date: new Date().toISOString().slice(0, 10),
    method: '',
    witness: '',
    authority: '',
    note: '',
  });
  const field = (key: keyof DispositionForm) => ({
    value: form[key],
    error: errors.fields[`input.${key}`],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });
  const items = seizure.items.map((i) => {
    const name = [t(`itemKind.${i.kind}`, { defaultValue: i.kind }), i.manufacturer, i.model, i.serialNumber].filter(Boolean).join(' · ');
    const already = done.get(i.id);
    return { value: i.id, label: already ? `${name} (${t('disposition.done', { disposition: t(`dispositionKind.${already}`, { defaultValue: already }) })})` : name };
  });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const result = await record({ input: toDispositionInput(seizure.id, form) });
    if (result.data) void navigate(`/records/${encodeURIComponent(seizure.id)}`);
    else setErrors(placeErrors(apiErrors(result.error), FIELD_KEYS));
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)}>
      <Stack gap="md">
        <FormErrors errors={errors.form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('disposition.item')} required data={items} {...field('itemId')} />
          <NativeSelect label={t('disposition.kind')} required data={enumOptions(KINDS, t, 'dispositionKind')} {...field('disposition')} />
          <TextInput type="date" label={t('disposition.date')} required {...field('date')} />
          <TextInput label={t('disposition.method')} description={t('disposition.methodHint')} required={form.disposition === 'DESTROYED'} {...field('method')} />
          <TextInput label={t('disposition.witness')} {...field('witness')} />
          <TextInput label={t('disposition.authority')} {...field('authority')} />
        </SimpleGrid>
        <Textarea label={t('disposition.note')} autosize minRows={2} {...field('note')} />
        <Group>
          <Button type="submit" loading={fetching}>
            {t('disposition.submit')}
          </Button>
          <Anchor component={Link} to={`/records/${encodeURIComponent(seizure.id)}`}>
            {t('disposition.back')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** Record what became of an item of one of the agency's seizures (its reporting officers only); back to the record after. */
export default function DispositionPage() {
  const { t } = useTranslation('officer');
  const { me } = useOfficer();
  const { id = '' } = useParams();
  const [{ data, error }] = useQuery({ query: DispositionRecordQuery, variables: { id } });
  const seizure = data?.seizure;
  const allowed = seizure && seizure.originator.id === me.agency.id && hasRole(me, 'REPORTING_OFFICER');
  return (
    <Page title={t('disposition.title')} intro={t('disposition.intro')}>
      <QueryError error={error} />
      {data && !seizure ? <Alert color="gray">{t('record.notShared')}</Alert> : null}
      {seizure && !allowed ? <Alert color="gray">{t('disposition.notAllowed')}</Alert> : null}
      {seizure && allowed ? <DispositionFormView seizure={seizure} /> : null}
    </Page>
  );
}
