import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACCURACIES, HANDLING_CODES, RELIABILITIES, TLPS, type HandlingCode, type Reliability, type Tlp } from './reportForm';
import { enumOptions, type SectionProps } from './reportSection';

/**
 * Who may see the record, decided now by the reporting officer: each choice says in its own words who sees
 * it (the option), and the chosen one is explained in full under the field.
 */
export function ReportHandlingFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  const handling = form.handling;
  const set = (change: Partial<typeof handling>) => setForm((f) => ({ ...f, handling: { ...f.handling, ...change } }));
  return (
    <Fieldset legend={t('report.handling')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('report.tlp')}
          description={t(`tlpExplained.${handling.tlp}`)}
          value={handling.tlp}
          data={enumOptions(TLPS, t, 'tlpOption')}
          onChange={(e) => set({ tlp: e.currentTarget.value as Tlp })}
          error={errors['input.handling.tlp']}
        />
        <NativeSelect
          label={t('report.handlingCode')}
          description={t(`codeExplained.${handling.code}`)}
          value={handling.code}
          data={enumOptions(HANDLING_CODES, t, 'codeOption')}
          onChange={(e) => set({ code: e.currentTarget.value as HandlingCode })}
          error={errors['input.handling.code']}
        />
        <TextInput
          label={t('report.restrictions')}
          description={t('report.restrictionsHint')}
          required={handling.code === 'H3'}
          value={handling.restrictions}
          onChange={(e) => set({ restrictions: e.currentTarget.value })}
          error={errors['input.handling.restrictions']}
        />
        <NativeSelect
          label={t('report.reliability')}
          value={handling.reliability}
          data={enumOptions(RELIABILITIES, t, 'reliability')}
          onChange={(e) => set({ reliability: e.currentTarget.value as Reliability })}
          error={errors['input.handling.reliability']}
        />
        <NativeSelect
          label={t('report.accuracy')}
          value={handling.accuracy}
          data={enumOptions(ACCURACIES, t, 'accuracy')}
          onChange={(e) => set({ accuracy: e.currentTarget.value })}
          error={errors['input.handling.accuracy']}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
