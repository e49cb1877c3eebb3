import { useCallback, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { errorKind, placeErrors, type PlacedErrors } from '../api/errors';
import { readFragment, type ResultOf } from '../graphql';
import { apiErrors } from '../ui/Errors';
import type { ReportForm, ReportingKind } from './reportForm';
import { reportFieldKeys, toReportInput } from './reportMapping';
import { ReportAnswer, ReportBorderInterdiction, ReportCustomsSeizure, ReportPoliceRecovery } from './reportOperations';

export type ReportOutcome = ResultOf<typeof ReportAnswer>;

/** Back-off before each automatic retry of a retryable error, in seconds (then the officer decides). */
export const RETRY_DELAYS = [1, 2, 4, 8];

export interface SubmitState {
  busy: boolean;
  /** The automatic retry under way (1 …), 0 when none. */
  retrying: number;
  /** The last attempt failed on a retryable error: submitting again sends the same report (same clientReference). */
  gaveUp: boolean;
  /**
   * Whether the network kept the report is not known (a retryable error given up on, an internal error, no answer):
   * the form is frozen and submitting sends exactly what was sent. Sending changed content with the same
   * clientReference would be answered with the report as first kept, the changes silently dropped.
   */
  unsettled: boolean;
  errors: PlacedErrors;
}

const IDLE: SubmitState = { busy: false, retrying: 0, gaveUp: false, unsettled: false, errors: { fields: {}, form: [] } };

/** Errors after which the report is known not to be kept: the officer may change it and send it again. */
const NOT_KEPT = new Set(['input', 'forbidden', 'unauthenticated', 'rateLimited']);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 * (0.8 + Math.random() * 0.4)));

/**
 * Sends the report with the mutation of the officer's agency kind. A retryable error is retried with the same
 * input (the same clientReference: the service answers with the report already kept, never a second one);
 * input errors are placed on their fields.
 */
export function useReportSubmit(kind: ReportingKind): { state: SubmitState; submit: (form: ReportForm) => Promise<ReportOutcome | null> } {
  const [, customs] = useMutation(ReportCustomsSeizure);
  const [, police] = useMutation(ReportPoliceRecovery);
  const [, border] = useMutation(ReportBorderInterdiction);
  const [state, setState] = useState<SubmitState>(IDLE);

  const send = useCallback(
    async (form: ReportForm) => {
      const mapped = toReportInput(kind, form);
      switch (mapped.kind) {
        case 'CUSTOMS': {
          const r = await customs({ input: mapped.input });
          return { error: r.error, answer: r.data ? readFragment(ReportAnswer, r.data.reportCustomsSeizure) : undefined };
        }
        case 'POLICE': {
          const r = await police({ input: mapped.input });
          return { error: r.error, answer: r.data ? readFragment(ReportAnswer, r.data.reportPoliceRecovery) : undefined };
        }
        case 'BORDER': {
          const r = await border({ input: mapped.input });
          return { error: r.error, answer: r.data ? readFragment(ReportAnswer, r.data.reportBorderInterdiction) : undefined };
        }
      }
    },
    [kind, customs, police, border],
  );

  // The form as last sent while its fate is unknown: what any next submission sends.
  const unsettled = useRef<ReportForm | null>(null);
  const submit = useCallback(
    async (edited: ReportForm): Promise<ReportOutcome | null> => {
      const form = unsettled.current ?? edited;
      setState({ ...IDLE, busy: true, unsettled: unsettled.current !== null });
      for (let attempt = 0; ; attempt++) {
        const { error, answer } = await send(form);
        if (answer) {
          unsettled.current = null;
          setState(IDLE);
          return answer;
        }
        const errors = apiErrors(error);
        const retryable = errors.length > 0 && errors.every((e) => errorKind(e) === 'retryable');
        if (retryable && attempt < RETRY_DELAYS.length) {
          setState({ ...IDLE, busy: true, retrying: attempt + 1, unsettled: unsettled.current !== null });
          await sleep(RETRY_DELAYS[attempt]!);
          continue;
        }
        const notKept = errors.length > 0 && errors.every((e) => NOT_KEPT.has(errorKind(e)));
        unsettled.current = notKept ? null : form;
        setState({ busy: false, retrying: 0, gaveUp: retryable, unsettled: !notKept, errors: placeErrors(errors, reportFieldKeys(kind, form)) });
        return null;
      }
    },
    [kind, send],
  );
  return { state, submit };
}
