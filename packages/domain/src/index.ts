export { replay, sameJson, type Command, type CommandMetadata, type DecidedEvent, type Decider, type Originator } from './decider';
export { DomainError } from './errors';
export { checkMarking, type MarkingWarning, type MarkingWarningCode } from './marking';
export {
  seizureDecider,
  toItem,
  type ItemInput,
  type AgencyKind,
  type AmendSeizure,
  type RecordDisposition,
  type ReportSeizure,
  type SeizureCommand,
  type SeizureCommandMetadata,
  type SeizureEvent,
  type SeizureState,
} from './seizure';
export { stockpileLossDecider, type ReportStockpileLoss, type StockpileLossEvent, type StockpileLossState } from './stockpileLoss';
export { screenEmbargoes, type EmbargoRegime, type EmbargoRole, type EmbargoWarning } from './embargo';
export { hitWarnings, markingWarnings, reportWarnings, type WarningDto } from './warnings';
export { shippedEmbargoRegimes } from './embargoList';
export { attachmentStatus, caseDecider, checkCaseEvent, type CaseEventFacts, type CaseCommand, type CaseEvent, type CaseState, type ParticipantStatus } from './case';
export { isOverdue, traceDecider, traceHandling, type TraceCommand, type TraceEvent, type TraceState } from './trace';
export { tracedItem, type RequestTraceData, type TracedItemInput, type TraceRequestedData } from './traceRequest';
export { checkTraceEvent, type TraceEventFacts } from './traceCheck';
export { DEFAULT_TRACE_DEADLINES, FixedIsoDuration, traceDeadlines, type TraceDeadlines } from './traceDeadlines';
export { checkSharingAgreementEvent, sharingAgreementDecider, type SharingAgreementCommand, type SharingAgreementEvent, type SharingAgreementState } from './sharingAgreement';
export {
  brokerDecider,
  checkBrokerEvent,
  type BrokerCommand,
  type BrokerEvent,
  type BrokerFlag,
  type BrokerRecord,
  type BrokerRegistrationStatus,
  type BrokerState,
  type BrokeringLicence,
} from './broker';
export { routeDecider, routeKey, routeLegsOf, seizureRouteLegs, trendOf, type ObserveRoute, type RouteEvent, type RouteState } from './routes';
export { normaliseBrokerName, normaliseIdentifier, seizureLinkKeys, type LinkKey, type LinkKind } from './linkKeys';
export {
  batchChains,
  chainFacts,
  chainOf,
  isProbableDiversion,
  lotKeyText,
  lotOf,
  normaliseModel,
  serialOf,
  serialPattern,
  spreadChains,
  type BatchChain,
  type BatchItem,
  type ChainFacts,
  type LotItemInput,
  type LotKey,
  type SerialPattern,
} from './diversion';
export { DEFAULT_DIVERSION_RULES, diversionRules, type DiversionRules } from './diversionRules';
export {
  beyondChance,
  chanceClusters,
  chanceWindow,
  DENSITY_RATIO,
  diversionClusters,
  firstAtLeast,
  lotNumbersOf,
  lotSpace,
  poissonTail,
  refineByChance,
  WINDOW_RANGES,
  type LotNumbers,
} from './diversionChance';
