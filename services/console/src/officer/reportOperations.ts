import { graphql, type VariablesOf } from '../graphql';

/** What every report answers: the stored seizure's id, how far the shared view has got, hits and warnings. */
const ReportAnswer = graphql(`
  fragment ReportAnswer on SeizureReport {
    seizureId
    sharedView
    seizure {
      id
    }
    hits {
      holder {
        id
        country
        kind
      }
      recordId
      recordKind
      manufacturer
      serialNumber
    }
    warnings {
      code
      message
    }
  }
`);

export const ReportCustomsSeizure = graphql(
  `
    mutation ReportCustomsSeizure($input: CustomsSeizureInput!) {
      reportCustomsSeizure(input: $input) {
        ...ReportAnswer
      }
    }
  `,
  [ReportAnswer],
);

export const ReportPoliceRecovery = graphql(
  `
    mutation ReportPoliceRecovery($input: PoliceRecoveryInput!) {
      reportPoliceRecovery(input: $input) {
        ...ReportAnswer
      }
    }
  `,
  [ReportAnswer],
);

export const ReportBorderInterdiction = graphql(
  `
    mutation ReportBorderInterdiction($input: BorderInterdictionInput!) {
      reportBorderInterdiction(input: $input) {
        ...ReportAnswer
      }
    }
  `,
  [ReportAnswer],
);

export { ReportAnswer };

export type CustomsSeizureInput = VariablesOf<typeof ReportCustomsSeizure>['input'];
export type PoliceRecoveryInput = VariablesOf<typeof ReportPoliceRecovery>['input'];
export type BorderInterdictionInput = VariablesOf<typeof ReportBorderInterdiction>['input'];
export type SharedReportInput = Omit<CustomsSeizureInput, 'customsOffice' | 'declarationReference'>;
