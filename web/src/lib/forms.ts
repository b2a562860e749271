import type { FormInstance } from 'antd';
import { ApiError } from '../api.ts';
import { fieldMessage, type Translate } from '../i18n/index.tsx';

/**
 * Puts the API's `fields` (named as the request body's keys) on the form fields of the same
 * name. Returns whether any matched; the caller shows the error as a banner otherwise.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, t: Translate, names: readonly string[]): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const f of err.fields) {
    if (!names.includes(f.field)) continue;
    byField.set(f.field, [...(byField.get(f.field) ?? []), fieldMessage(t, f)]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  form.scrollToField(first, { block: 'center', focus: true });
  return true;
}
