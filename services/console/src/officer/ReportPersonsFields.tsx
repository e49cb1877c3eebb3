import { Alert, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../ui/CountrySelect';
import { CONVEYANCE_MODES, emptyPerson, type ConveyanceMode, type PersonForm } from './reportForm';
import { enumOptions, removeAt, replaceAt, type SectionProps } from './reportSection';

function PersonFields({
  person,
  index,
  errors,
  onChange,
  onRemove,
}: {
  person: PersonForm;
  index: number;
  errors: Record<string, string>;
  onChange: (p: PersonForm) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('officer');
  const text = (f: 'role' | 'name' | 'documentNumber') => ({
    value: person[f],
    error: errors[`input.persons.${index}.${f}`],
    onChange: (e: { currentTarget: { value: string } }) => onChange({ ...person, [f]: e.currentTarget.value }),
  });
  return (
    <Fieldset legend={t('report.personN', { n: index + 1 })}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('report.personRole')} description={t('report.personRoleHint')} required {...text('role')} />
        <TextInput label={t('report.personName')} required {...text('name')} />
        <CountrySelect
          allowEmpty
          label={t('report.nationality')}
          value={person.nationality}
          onChange={(e) => onChange({ ...person, nationality: e.currentTarget.value })}
          error={errors[`input.persons.${index}.nationality`]}
        />
        <TextInput label={t('report.documentNumber')} {...text('documentNumber')} />
      </SimpleGrid>
      <Group justify="end" mt="sm">
        <Button variant="subtle" color="red" onClick={onRemove}>
          {t('report.removePerson', { n: index + 1 })}
        </Button>
      </Group>
    </Fieldset>
  );
}

/** Persons linked to the seizure: their names and documents stay with the agency, partners see role and nationality. */
export function ReportPersonsFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  return (
    <Stack gap="sm">
      <Alert color="blue" variant="light">
        {t('report.personsNotice')}
      </Alert>
      {errors['input.persons'] ? (
        <Text c="red.9" role="alert">
          {errors['input.persons']}
        </Text>
      ) : null}
      {form.persons.map((person, i) => (
        <PersonFields
          key={i}
          person={person}
          index={i}
          errors={errors}
          onChange={(next) => setForm((f) => ({ ...f, persons: replaceAt(f.persons, i, next) }))}
          onRemove={() => setForm((f) => ({ ...f, persons: removeAt(f.persons, i) }))}
        />
      ))}
      <Group>
        <Button variant="light" onClick={() => setForm((f) => ({ ...f, persons: [...f.persons, emptyPerson()] }))}>
          {t('report.addPerson')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The conveyance, if known: sent only when its identifier is filled in. */
export function ConveyanceFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  const conveyance = form.conveyance;
  const set = (change: Partial<typeof conveyance>) => setForm((f) => ({ ...f, conveyance: { ...f.conveyance, ...change } }));
  return (
    <Fieldset legend={t('report.conveyance')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('report.conveyanceHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('report.conveyanceMode')}
          value={conveyance.mode}
          data={enumOptions(CONVEYANCE_MODES, t, 'conveyanceMode')}
          onChange={(e) => set({ mode: e.currentTarget.value as ConveyanceMode })}
          error={errors['input.conveyance.mode']}
        />
        <TextInput
          label={t('report.conveyanceIdentifier')}
          description={t('report.conveyanceIdentifierHint')}
          value={conveyance.identifier}
          onChange={(e) => set({ identifier: e.currentTarget.value })}
          error={errors['input.conveyance.identifier']}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
