import { Alert, Stack } from '@mantine/core';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorKind, type ApiError, type PlacedErrors } from '../api/errors';

/** The API's errors out of urql's combined error (a request that got no answer is one retryable error: nothing was recorded, or the retry finds it). */
export function apiErrors(error: CombinedError | undefined): ApiError[] {
  if (!error) return [];
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => ({ message: e.message, extensions: e.extensions }));
  // A refusal before GraphQL (400 malformed, 413 too large) is not the network's passing trouble: sending it again fails alike.
  const status = (error.response as Response | undefined)?.status;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }];
  return [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }];
}

/** Errors that belong to no field, above the form or the page: in plain words, with what to do. */
export function FormErrors({ errors }: { errors: PlacedErrors['form'] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Stack gap="xs">
      {errors.map((e, i) => (
        <Alert key={i} color={e.kind === 'retryable' ? 'yellow' : 'red'} role="alert" title={e.kind === 'retryable' ? t('error.retryable') : undefined}>
          {e.kind === 'forbidden'
            ? t('error.forbidden')
            : e.kind === 'unauthenticated'
              ? t('error.unauthenticated')
              : e.kind === 'rateLimited'
                ? t('error.rateLimited', { seconds: e.retryAfterSeconds ?? 60 })
                : e.kind === 'retryable'
                  ? null
                  : t('error.generic', { message: e.message })}
        </Alert>
      ))}
    </Stack>
  );
}

/** A query's error, as a page shows it. */
export function QueryError({ error }: { error: CombinedError | undefined }) {
  const errors = apiErrors(error).map((e) => ({ kind: errorKind(e), message: e.message }));
  return <FormErrors errors={errors} />;
}
