import i18next from 'i18next';

/** A change as a signed percentage in the user's language (0.5 → "+50 %"). */
export const formatChange = (ratio: number, lng = i18next.language): string =>
  new Intl.NumberFormat(lng, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(ratio);
