import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../graphql';
import { CountrySelect } from '../ui/CountrySelect';
import './messages';
import { WEAPON_CATEGORIES } from '../ui/weaponCategories';
import { BROKER_STATUSES, readFilter, writeFilter, type FilterField, type FilterValues } from './searchFilters';

const AgenciesQuery = graphql(`
  query AnalystAgencies {
    agencies {
      id
      name
    }
  }
`);

/** The filter of a screen, kept in its URL (`?country=GH&from=2026-01-01`): bookmarkable, and the browser's back button goes back to the last one. */
export function useUrlFilter(fields: readonly FilterField[]): { values: FilterValues; key: string; apply: (values: FilterValues) => void } {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => readFilter(params, fields), [params, fields]);
  const key = writeFilter(values, fields).toString();
  return { values, key, apply: (next) => setParams(writeFilter(next, fields)) };
}

/** The directory's agencies, as a select ("—" for any). */
function AgencySelect({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange: (value: string) => void }) {
  const [{ data }] = useQuery({ query: AgenciesQuery });
  const options = [{ value: '', label: '—' }, ...(data?.agencies ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.id})` }))];
  // Until the directory has come, the chosen agency is still a choice (a filter from the URL).
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return <NativeSelect label={label} value={value} error={error} data={options} w={WIDTHS.originator} onChange={(e) => onChange(e.currentTarget.value)} />;
}

const WIDTHS: Record<FilterField, number> = { country: 260, state: 260, originator: 320, from: 170, to: 170, manufacturer: 220, name: 260, category: 240, status: 180 };

interface FieldProps {
  field: FilterField;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/** One filter field, labelled, with the API's error under it. */
function Field({ field, value, error, onChange }: FieldProps) {
  const { t } = useTranslation('analyst');
  const label = t(`filter.${field}`);
  const common = { label, value, error, w: WIDTHS[field], onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value) };
  switch (field) {
    case 'country':
    case 'state':
      return <CountrySelect allowEmpty {...common} />;
    case 'originator':
      return <AgencySelect label={label} value={value} error={error} onChange={onChange} />;
    case 'from':
    case 'to':
      return <TextInput type="date" {...common} />;
    case 'category':
      return <NativeSelect {...common} data={[{ value: '', label: '—' }, ...WEAPON_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))]} />;
    case 'status':
      return <NativeSelect {...common} data={[{ value: '', label: '—' }, ...BROKER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />;
    default:
      return <TextInput {...common} />;
  }
}

interface FilterFormProps {
  fields: readonly FilterField[];
  values: FilterValues;
  errors: Partial<Record<FilterField, string>>;
  submitLabel: string;
  busy?: boolean;
  onSubmit: (values: FilterValues) => void;
  /** More buttons after the submit button (an export). */
  children?: ReactNode;
}

/** A screen's filter: its fields in a row, submitted by its button or Enter; "Clear" shows everything again. */
export function FilterForm({ fields, values, errors, submitLabel, busy = false, onSubmit, children }: FilterFormProps) {
  const { t } = useTranslation('analyst');
  const [draft, setDraft] = useState<FilterValues>(values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft);
  };
  const clear = () => {
    setDraft({});
    onSubmit({});
  };
  return (
    <form onSubmit={submit} aria-label={t('filter.label')}>
      <Group align="start" wrap="wrap">
        {fields.map((field) => (
          <Field key={field} field={field} value={draft[field] ?? ''} error={errors[field]} onChange={(value) => setDraft((d) => ({ ...d, [field]: value }))} />
        ))}
      </Group>
      <Group mt="sm">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
        <Button variant="default" onClick={clear}>
          {t('filter.clear')}
        </Button>
        {children}
      </Group>
    </form>
  );
}
