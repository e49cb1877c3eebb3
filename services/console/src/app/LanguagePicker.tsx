import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n';

const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** English or French, chosen per user (kept per officer on this device). */
export function LanguagePicker({ subject }: { subject?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('language')}
      size="xs"
      w={140}
      value={i18n.language}
      onChange={(e) => chooseLanguage(e.currentTarget.value as Language, subject)}
      data={LANGUAGES.map((l) => ({ value: l, label: NAMES[l] }))}
    />
  );
}
