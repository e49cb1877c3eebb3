import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from './countries';

/**
 * A country by its ISO 3166-1 alpha-2 code, named in the user's language: a native select (works with the
 * keyboard and screen readers as any select does; type the first letters to jump). `allowEmpty` adds a
 * "—" choice with the value "".
 */
export function CountrySelect({ allowEmpty = false, ...props }: Omit<NativeSelectProps, 'data'> & { allowEmpty?: boolean }) {
  const { i18n } = useTranslation();
  const data = useMemo(() => [...(allowEmpty ? [{ value: '', label: '—' }] : []), ...countryOptions(i18n.language)], [i18n.language, allowEmpty]);
  return <NativeSelect {...props} data={data} />;
}
