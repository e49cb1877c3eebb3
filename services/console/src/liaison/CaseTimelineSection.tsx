import { Button, Group, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { formatDateTime } from '../i18n';
import { FormErrors } from '../ui/Errors';
import type { CaseData } from './CasePage';
import { NoteMutation } from './caseQueries';
import { caseTimeline } from './caseTimeline';
import { TlpSelect, type TlpLevel } from './LiaisonBits';
import { NO_ERRORS, placeActErrors } from './liaisonErrors';
import './messages';

/** One timeline of the case (its acts and its notes, by time), and a form to add a note. */
export function CaseTimelineSection({ data, onChange }: { data: CaseData; onChange: () => void }) {
  const { t } = useTranslation('liaison');
  const items = useMemo(() => caseTimeline(data.timeline, data.notes), [data.timeline, data.notes]);
  return (
    <section aria-labelledby="timeline-heading">
      <Title order={2} id="timeline-heading" mb="sm">
        {t('timeline.heading')}
      </Title>
      {items.length === 0 ? <Text c="dimmed">{t('timeline.none')}</Text> : null}
      <Timeline bulletSize={14} lineWidth={2} active={items.length - 1} data-testid="timeline">
        {items.map((item) => (
          <Timeline.Item key={item.key} title={t(`event.${item.type}`, { defaultValue: item.type })} data-testid="timeline-entry" data-type={item.type}>
            <Text size="sm" style={item.note ? { whiteSpace: 'pre-wrap' } : undefined}>
              {item.note ? t('timeline.noteBy', { agency: item.agency, text: item.text }) : item.text}
            </Text>
            <Text size="xs" c="dimmed">
              <time dateTime={item.at}>{formatDateTime(item.at)}</time> · {item.agency}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <NoteForm caseId={data.id} onDone={onChange} />
    </section>
  );
}

const FIELDS = ['input.text', 'input.handling.tlp', 'input.handling'];

function NoteForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('liaison');
  const [text, setText] = useState('');
  const [tlp, setTlp] = useState<TlpLevel>('AMBER');
  const [{ fetching }, addNote] = useMutation(NoteMutation);
  const [placed, setPlaced] = useState(NO_ERRORS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addNote({ caseId, input: { text: text.trim(), handling: { tlp } } });
    setPlaced(placeActErrors(result.error, FIELDS));
    if (!result.error) {
      setText('');
      onDone();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="note-heading">
      <Stack gap="xs" maw={640} mt="md">
        <Title order={3} id="note-heading">
          {t('note.heading')}
        </Title>
        <Textarea label={t('note.text')} required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={placed.fields['input.text']} />
        <TlpSelect
          label={t('note.tlp')}
          value={tlp}
          onChange={(e) => setTlp(e.currentTarget.value as TlpLevel)}
          error={placed.fields['input.handling.tlp'] ?? placed.fields['input.handling']}
        />
        <FormErrors errors={placed.form} />
        <Group>
          <Button type="submit" loading={fetching}>
            {t('note.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
