import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN.ts';
import { en } from './en.ts';
import { formatDate, formatDateTime, formatFen, formatMonth, formatNumber, LOCALES, type Locale } from './format.ts';
import type { ApiError, FieldProblem } from '../api.ts';

export type { MessageKey } from './zh-CN.ts';
export type { Locale } from './format.ts';

export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const LOCALE_KEY = 'hrss.locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

export const hasKey = (key: string): key is MessageKey => key in zhCN;

export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t: Translate;
  /** Chinese or English name of a thing the API gives in both. */
  pick(zh: string, en: string): string;
  fmt: {
    number(n: number | null | undefined): string;
    fen(fen: number | bigint | string | null | undefined): string;
    date(iso: string | null | undefined): string;
    dateTime(iso: string | null | undefined): string;
    month(ym: string): string;
  };
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LOCALE_KEY) : null;
  return LOCALES.includes(saved as Locale) ? (saved as Locale) : 'zh-CN'; // Chinese first, whatever the browser says
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try { localStorage.setItem(LOCALE_KEY, l); } catch { /* private mode: not remembered */ }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.name');
  }, [locale]);
  const value = useMemo<I18n>(() => ({
    locale,
    setLocale,
    t: (key, vars) => translate(locale, key, vars),
    pick: (zh, enName) => (locale === 'zh-CN' ? zh : enName || zh),
    fmt: {
      number: (n) => formatNumber(locale, n),
      fen: (f) => formatFen(locale, f),
      date: (d) => formatDate(locale, d),
      dateTime: (d) => formatDateTime(locale, d),
      month: (m) => formatMonth(locale, m),
    },
  }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/**
 * The API's field messages are English; the ones it can send are known (its validators), so
 * they are shown translated. Anything unknown is shown as the API wrote it rather than hidden.
 */
const API_FIELD_MESSAGES: Record<string, MessageKey> = {
  'ID number must be 17 digits followed by a digit or X': 'field.idNumber.FORMAT',
  'ID number contains an impossible birth date': 'field.idNumber.BIRTH_DATE',
  'ID number check character is wrong (GB 11643 MOD 11-2)': 'field.idNumber.CHECK_CHARACTER',
  'ID number address code is not a known GB/T 2260 division': 'field.idNumber.DIVISION',
  'Credit code must be 18 characters of 0-9 and A-Y without I, O, S, V, Z': 'field.creditCode.FORMAT',
  'Credit code check character is wrong (GB 32100 MOD 31)': 'field.creditCode.CHECK_CHARACTER',
  'Credit code positions 3-8 are not a known GB/T 2260 division': 'field.creditCode.DIVISION',
  'name is required': 'field.nameRequired',
  'is required': 'field.REQUIRED',
  'must not contain < or >': 'field.noAngleBrackets',
  'must be a 6-digit GB/T 2260 code': 'field.regionCode',
  'must be a phone number': 'field.phone',
  'must be a 2-digit GB/T 4754 division': 'field.industryCode',
  'must not be in the future': 'field.notFuture',
  'give exactly one of personId or idNumber': 'field.onePersonRef',
  'Password must be at least 10 characters': 'field.passwordLength',
  'Password must contain letters and digits': 'field.passwordMix',
};

export function fieldMessage(t: Translate, f: FieldProblem): string {
  // The API names the failed rule of a code (reason): the stable way to word it.
  const byReason = `field.${f.field}.${f.reason}`;
  if (f.reason && hasKey(byReason)) return t(byReason);
  const known = API_FIELD_MESSAGES[f.message];
  if (known) return t(known);
  const byCode = `field.${f.code}`;
  if (hasKey(byCode)) return t(byCode);
  return f.message;
}

/** A sentence for an API error: translated by its stable code, else the API's title. */
export function errorMessage(t: Translate, err: unknown): string {
  const e = err as Partial<ApiError>;
  if (e && typeof e.code === 'string') {
    const key = `error.${e.code}`;
    if (hasKey(key)) return t(key);
    return e.message || t('error.unknown');
  }
  return (err as Error)?.message || t('error.unknown');
}
