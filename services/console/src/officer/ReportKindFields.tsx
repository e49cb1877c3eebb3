import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS, RECOVERY_CONTEXTS, type KindFields, type ReportingKind } from './reportForm';
import { enumOptions, type SectionProps } from './reportSection';

/** The fields of the officer's own form: customs office and declaration, police case, or border crossing point and patrol. */
export function ReportKindFields({ kind, form, setForm, errors }: SectionProps & { kind: ReportingKind }) {
  const { t } = useTranslation('officer');
  const field = (key: keyof KindFields) => ({
    value: form.kindFields[key],
    error: errors[`input.${key}`],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, kindFields: { ...f.kindFields, [key]: value } }));
    },
  });
  return (
    <Fieldset legend={t(`report.kindLegend.${kind}`)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {kind === 'CUSTOMS' ? (
          <>
            <TextInput label={t('report.customsOffice')} {...field('customsOffice')} />
            <TextInput label={t('report.declarationReference')} {...field('declarationReference')} />
          </>
        ) : null}
        {kind === 'POLICE' ? (
          <>
            <TextInput label={t('report.caseNumber')} {...field('caseNumber')} />
            <NativeSelect label={t('report.recoveryContext')} data={enumOptions(RECOVERY_CONTEXTS, t, 'recoveryContext', true)} {...field('recoveryContext')} />
          </>
        ) : null}
        {kind === 'BORDER' ? (
          <>
            <TextInput label={t('report.crossingPoint')} {...field('crossingPoint')} />
            <TextInput label={t('report.patrol')} {...field('patrol')} />
            <NativeSelect label={t('report.directionOfTravel')} data={enumOptions(DIRECTIONS, t, 'direction', true)} {...field('directionOfTravel')} />
          </>
        ) : null}
      </SimpleGrid>
    </Fieldset>
  );
}
