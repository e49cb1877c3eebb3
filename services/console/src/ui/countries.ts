import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';

// Country names in the console's two languages, from the maintained ISO 3166 package (no hand-kept list).
countries.registerLocale(en);
countries.registerLocale(fr);

/** A country's name in the user's language, from its ISO 3166-1 alpha-2 code (the code itself if unknown). */
export const countryName = (code: string, lng: string): string => countries.getName(code, lng.slice(0, 2)) ?? code;

/** Every country, sorted by its name in the user's language. */
export function countryOptions(lng: string): { value: string; label: string }[] {
  const names = countries.getNames(lng.slice(0, 2), { select: 'official' });
  return Object.entries(names)
    .map(([value, label]) => ({ value, label: `${label} (${value})` }))
    .sort((a, b) => a.label.localeCompare(b.label, lng));
}

/** ISO 3166-1 numeric (the ids of world-atlas' shapes) from alpha-2. */
export const numericCode = (alpha2: string): string | undefined => countries.alpha2ToNumeric(alpha2);
