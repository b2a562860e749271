import { AppError, type FieldError } from '../../platform/errors.ts';

// Markup-like text: a tag opening (<a, </a, <!, <?) or anything between angle brackets.
const MARKUP = /<\s*[a-zA-Z/!?]|<[^<>]*>/;

export const hasMarkup = (s: string): boolean => MARKUP.test(s);

/** Refuses markup or script in any string field: 400 MARKUP_NOT_ALLOWED naming each field; nothing is stored. */
export function assertNoMarkup(values: Record<string, unknown>): void {
  const fields: FieldError[] = [];
  for (const [field, v] of Object.entries(values)) {
    if (typeof v === 'string' && hasMarkup(v)) fields.push({ field, code: 'MARKUP_NOT_ALLOWED', message: 'must not contain markup such as <…>' });
  }
  if (fields.length) throw new AppError('MARKUP_NOT_ALLOWED', 'Text fields must not contain markup or script', fields);
}

/** Same key for the same employer and project however they are spaced, punctuated or cased. */
export function normaliseKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
