import { Button, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { FormErrors } from '../ui/Errors';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import type { TraceData } from './TracePage';
import { AcknowledgeMutation, AnswerMutation, DeclineMutation } from './traceQueries';
import './messages';

const FINDINGS = ['lastLegalHolder', 'exportHistory', 'importHistory', 'comments'] as const;
type Findings = Record<(typeof FINDINGS)[number], string>;

/** What the addressed point of contact does: acknowledge, answer with findings, or decline with a reason. */
export function TraceActions({ trace, onDone }: { trace: TraceData; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [{ fetching }, acknowledge] = useMutation(AcknowledgeMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const ack = async () => {
    const result = await acknowledge({ id: trace.id });
    setPlaced(placeActErrors(result.error, []));
    if (!result.error) onDone();
  };
  return (
    <section aria-labelledby="trace-actions-heading">
      <Stack gap="md">
        <Title order={2} id="trace-actions-heading">
          {t('traceActions.heading')}
        </Title>
        {trace.status === 'SENT' ? (
          <Group>
            <Button loading={fetching} onClick={() => void ack()}>
              {t('traceActions.acknowledge')}
            </Button>
            <FormErrors errors={placed.form} />
          </Group>
        ) : null}
        <AnswerForm id={trace.id} onDone={onDone} />
        <DeclineForm id={trace.id} onDone={onDone} />
      </Stack>
    </section>
  );
}

function AnswerForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [findings, setFindings] = useState<Findings>({ lastLegalHolder: '', exportHistory: '', importHistory: '', comments: '' });
  const [{ fetching }, answer] = useMutation(AnswerMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = Object.fromEntries(FINDINGS.map((f) => [f, findings[f].trim()]).filter(([, v]) => v)) as Partial<Findings>;
    if (Object.keys(filled).length === 0) return setPlaced({ fields: { 'findings.lastLegalHolder': t('answer.empty') }, form: [] });
    const result = await answer({ id, findings: filled });
    setPlaced(
      placeActErrors(
        result.error,
        FINDINGS.map((f) => `findings.${f}`),
      ),
    );
    if (!result.error) onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="answer-heading">
      <Stack gap="xs" maw={720}>
        <Title order={3} id="answer-heading">
          {t('answer.heading')}
        </Title>
        {FINDINGS.map((f) => (
          <Textarea
            key={f}
            label={t(`findings.${f}`)}
            autosize
            minRows={2}
            value={findings[f]}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setFindings((old) => ({ ...old, [f]: value }));
            }}
            error={placed.fields[`findings.${f}`]}
          />
        ))}
        <FormErrors errors={placed.form} />
        <Group>
          <Button type="submit" loading={fetching}>
            {t('answer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeclineForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [reason, setReason] = useState('');
  const [{ fetching }, decline] = useMutation(DeclineMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await decline({ id, reason: reason.trim() });
    setPlaced(placeActErrors(result.error, ['reason']));
    if (!result.error) onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="decline-heading">
      <Stack gap="xs" maw={720}>
        <Title order={3} id="decline-heading">
          {t('decline.heading')}
        </Title>
        <TextInput label={t('decline.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={placed.fields.reason} />
        <FormErrors errors={placed.form} />
        <Group>
          <Button type="submit" color="red.9" variant="outline" loading={fetching}>
            {t('decline.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
