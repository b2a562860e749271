import { Alert } from 'antd';
import { ApiError } from '../api.ts';
import { errorMessage, useI18n } from '../i18n/index.tsx';

/** An API error as a sentence in the user's language, with the request id for support. */
export function ProblemAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useI18n();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      title={errorMessage(t, error)}
      description={requestId ? <small>{t('error.requestId', { id: requestId })}</small> : undefined}
    />
  );
}
