import type { TFunction } from 'i18next';
import type { ReportForm } from './reportForm';

/** What each section of the report form gets: the form, how to change it, and the API's errors by field key. */
export interface SectionProps {
  form: ReportForm;
  setForm: (update: (form: ReportForm) => ReportForm) => void;
  errors: Record<string, string>;
}

/** A native select's choices for an enum, each named by its message (`prefix.VALUE`). */
export const enumOptions = (values: readonly string[], t: TFunction, prefix: string, empty = false): { value: string; label: string }[] => [
  ...(empty ? [{ value: '', label: '—' }] : []),
  ...values.map((value) => ({ value, label: t(`${prefix}.${value}`) })),
];

/** The list with its i-th element replaced. */
export const replaceAt = <T>(list: readonly T[], i: number, value: T): T[] => list.map((v, k) => (k === i ? value : v));
export const removeAt = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);
