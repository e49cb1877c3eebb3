import './messages';
import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasRole, useOfficer } from '../app/officer';
import { FormErrors } from '../ui/Errors';
import { Page } from '../ui/Page';
import { emptyReportForm, isReportingKind, type ReportForm, type ReportingKind } from './reportForm';
import { ReportHandlingFields } from './ReportHandlingFields';
import { ReportItemsFields } from './ReportItemsFields';
import { ReportKindFields } from './ReportKindFields';
import { ConveyanceFields, ReportPersonsFields } from './ReportPersonsFields';
import { ContextFields, RouteFields, WhenWhereFields } from './ReportWhereFields';
import { newClientReference, rememberReport } from './recordState';
import { RETRY_DELAYS, useReportSubmit, type SubmitState } from './useReportSubmit';

/** Where the report stands: retrying by itself, given up on a busy network, or fields to correct. */
function SubmitStatus({ state }: { state: SubmitState }) {
  const { t } = useTranslation('officer');
  const fieldCount = Object.keys(state.errors.fields).length;
  return (
    <div aria-live="polite">
      {state.retrying > 0 ? (
        <Alert color="yellow" title={t('report.retryingTitle')}>
          {t('report.retrying', { attempt: state.retrying, max: RETRY_DELAYS.length })}
        </Alert>
      ) : null}
      {state.gaveUp ? <Alert color="yellow">{t('report.gaveUp')}</Alert> : null}
      {state.unsettled && !state.busy ? (
        <Alert color="yellow" title={t('report.unsettledTitle')} data-testid="report-unsettled">
          {t('report.unsettled')}
        </Alert>
      ) : null}
      {fieldCount > 0 ? (
        <Alert color="red" role="alert">
          {t('report.fieldErrors', { count: fieldCount })}
        </Alert>
      ) : null}
    </div>
  );
}

/** The report form of the officer's agency kind; on success, the new record's page with this report's warnings and hits. */
function ReportFormPage({ kind, country }: { kind: ReportingKind; country: string }) {
  const { t } = useTranslation('officer');
  const { memory } = useOfficer();
  const navigate = useNavigate();
  const [form, setForm] = useState<ReportForm>(() => emptyReportForm(country, newClientReference()));
  const { state, submit } = useReportSubmit(kind);
  const section = { form, setForm, errors: state.errors.fields };
  // The first field the API refused takes the focus (and the view), so the officer starts there.
  useEffect(() => {
    if (Object.keys(state.errors.fields).length > 0) document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  }, [state.errors.fields]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(form).then((answer) => {
      if (!answer) return;
      rememberReport(memory, answer);
      void navigate(`/records/${encodeURIComponent(answer.seizureId)}`);
    });
  };
  return (
    <Page title={t(`report.title.${kind}`)} intro={t('report.intro')}>
      <FormErrors errors={state.errors.form} />
      <form onSubmit={onSubmit} aria-label={t(`report.title.${kind}`)}>
        <Stack gap="lg">
          {/* Frozen while the network may have kept the report: the next submission sends exactly what was sent. */}
          <fieldset disabled={state.unsettled} className="report-fields">
            <Stack gap="lg">
              <WhenWhereFields {...section} />
              <RouteFields {...section} />
              <ContextFields {...section} />
              <ReportKindFields kind={kind} {...section} />
              <Title order={2}>{t('report.items')}</Title>
              <ReportItemsFields {...section} />
              <Title order={2}>{t('report.persons')}</Title>
              <ReportPersonsFields {...section} />
              <ConveyanceFields {...section} />
              <Title order={2}>{t('report.whoMaySee')}</Title>
              <ReportHandlingFields {...section} />
            </Stack>
          </fieldset>
          <SubmitStatus state={state} />
          <Group>
            <Button type="submit" loading={state.busy}>
              {t('report.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}

/** Report a seizure, recovery or interdiction: the form of the signed-in officer's agency kind. */
export default function ReportPage() {
  const { t } = useTranslation('officer');
  const { me } = useOfficer();
  const kind = me.kind;
  if (!isReportingKind(kind) || !hasRole(me, 'REPORTING_OFFICER'))
    return (
      <Page title={t('report.title.generic')}>
        <Alert color="gray">{t('report.notAllowed')}</Alert>
      </Page>
    );
  return <ReportFormPage kind={kind} country={me.state} />;
}
