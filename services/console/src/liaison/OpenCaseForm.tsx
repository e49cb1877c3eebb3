import { Button, Group, MultiSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FormErrors } from '../ui/Errors';
import { AgenciesQuery, OpenCaseMutation } from './caseQueries';
import { TlpSelect, type TlpLevel } from './LiaisonBits';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import './messages';

const FIELDS = ['input.title', 'input.summary', 'input.handling.tlp', 'input.handling.releasableTo', 'input.handling'];

/** Open a case: title, summary and its handling (who may be invited); lands on the new case's page. */
export function OpenCaseForm() {
  const { t } = useTranslation('liaison');
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [tlp, setTlp] = useState<TlpLevel>('AMBER');
  const [releasableTo, setReleasableTo] = useState<string[]>([]);
  const [{ data: agencies }] = useQuery({ query: AgenciesQuery });
  const [{ fetching }, openCase] = useMutation(OpenCaseMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await openCase({ input: { title: title.trim(), summary: summary.trim(), handling: { tlp, ...(releasableTo.length ? { releasableTo } : {}) } } });
    setPlaced(placeActErrors(result.error, FIELDS));
    if (result.data) void navigate(`/cases/${result.data.openCase.id}`);
  };
  const fieldError = (key: string) => placed.fields[key];
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="open-case-heading">
      <Stack gap="sm" maw={640}>
        <Title order={2} id="open-case-heading">
          {t('openCase.heading')}
        </Title>
        <TextInput label={t('openCase.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError('input.title')} />
        <Textarea
          label={t('openCase.summary')}
          required
          autosize
          minRows={2}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError('input.summary')}
        />
        <TlpSelect
          label={t('openCase.tlp')}
          description={t('openCase.tlpHelp')}
          value={tlp}
          onChange={(e) => setTlp(e.currentTarget.value as TlpLevel)}
          error={fieldError('input.handling.tlp') ?? fieldError('input.handling')}
        />
        <MultiSelect
          label={t('openCase.releasableTo')}
          description={t('openCase.releasableToHelp')}
          data={(agencies?.agencies ?? []).map((a) => ({ value: a.id, label: `${a.id} · ${a.name}` }))}
          value={releasableTo}
          onChange={setReleasableTo}
          searchable
          clearable
          error={fieldError('input.handling.releasableTo')}
        />
        <FormErrors errors={placed.form} />
        <Group>
          <Button type="submit" loading={fetching}>
            {t('openCase.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
