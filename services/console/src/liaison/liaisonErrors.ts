import type { CombinedError } from 'urql';
import { errorKind, placeErrors, type ApiError, type PlacedErrors } from '../api/errors';
import { apiErrors } from '../ui/Errors';

/**
 * Where a case or trace act's errors go: as `placeErrors` does, and also an act's refusal that names the field
 * it is about (`extensions.path`, e.g. `["agencyId"]` with TB_ERR_CASE_HANDLING_EXCLUDES, `["recordId"]` with
 * "no such record") goes next to that field with the API's words, rather than above the form as "your role may
 * not do this". A refusal of the role itself (TB_ERR_ROLE_REQUIRED) names no field and stays above the form.
 */
export function placeActErrors(error: CombinedError | undefined, knownFields: readonly string[]): PlacedErrors {
  const known = new Set(knownFields);
  const errors: ApiError[] = apiErrors(error).map((e) => {
    const path = e.extensions?.path;
    const kind = errorKind(e);
    const onField = Array.isArray(path) && known.has(path.join('.')) && (kind === 'forbidden' || kind === 'other');
    return onField ? { ...e, extensions: { ...e.extensions, code: 'BAD_USER_INPUT' } } : e;
  });
  return placeErrors(errors, knownFields);
}

export const NO_ERRORS: PlacedErrors = { fields: {}, form: [] };
