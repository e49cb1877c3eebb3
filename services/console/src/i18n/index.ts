import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

/** English and French from the first screen (Ghana is anglophone, Togo and Burkina Faso francophone). */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Messages = Record<Language, Record<string, string>>;

const DEVICE_KEY = 'tracebridge.lang';
const officerKey = (subject: string): string => `tracebridge.lang.${subject}`;

const isLanguage = (value: string | null | undefined): value is Language => LANGUAGES.includes(value as Language);

/** Before sign-in: this device's last choice, else the browser's language, else English. */
function deviceLanguage(): Language {
  const stored = localStorage.getItem(DEVICE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: deviceLanguage(),
    fallbackLng: 'en',
    resources: { en: { common: common.en }, fr: { common: common.fr } },
    defaultNS: 'common',
    // A screen's namespace falls back to the common messages (weapon categories, roles…: one translation for every screen).
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  i18next.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
  document.documentElement.setAttribute('lang', i18next.language);
  return i18next;
}

/** A screen's own messages, added when its module loads (each area keeps its messages next to its screens). */
export function addMessages(namespace: string, messages: Messages): void {
  for (const lng of LANGUAGES) i18next.addResourceBundle(lng, namespace, messages[lng], true, false);
}

/** The officer's own choice, kept per officer on this device; applied when they sign in. */
export function applyOfficerLanguage(subject: string): void {
  const stored = localStorage.getItem(officerKey(subject));
  if (isLanguage(stored) && stored !== i18next.language) void i18next.changeLanguage(stored);
}

export function chooseLanguage(lng: Language, subject?: string): void {
  localStorage.setItem(DEVICE_KEY, lng);
  if (subject) localStorage.setItem(officerKey(subject), lng);
  void i18next.changeLanguage(lng);
}

/** Dates and numbers in the user's language. */
export const formatDateTime = (iso: string | null | undefined, lng = i18next.language): string =>
  iso ? new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
export const formatDate = (iso: string | null | undefined, lng = i18next.language): string =>
  iso ? new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(new Date(iso)) : '';
export const formatNumber = (n: number, lng = i18next.language): string => new Intl.NumberFormat(lng).format(n);
