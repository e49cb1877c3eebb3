import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError, validate, type ValidationRule } from 'graphql';

/**
 * What one operation may cost, in points, before it runs. A field costs 1, a
 * root field (a resolver of its own, often a subgraph round trip) 10, and the
 * expensive ones more (FIELD_COSTS); the selection under a list is counted once
 * per element it may return (`first`, the number of representations, or the
 * most the resolver ever returns). A full page of 100 seizures with every field
 * costs about 8,000; 2,000 aliases of `me` cost 22,000; 50 serial checks 10,000.
 */
export const DEFAULT_OPERATION_BUDGET = 10_000;

/** Analysis itself must stay cheap: a document that expands (through fragments) to more selections than this is refused unanalysed. */
const MAX_ANALYSED_NODES = 20_000;

const ROOT_FIELD_COST = 10;

/** Fields whose resolver does real work: database transactions, signatures, requests to other services. */
const FIELD_COSTS: Record<string, number> = {
  'Query.serialCheck': 200,
  'Mutation.reportCustomsSeizure': 100,
  'Mutation.reportPoliceRecovery': 100,
  'Mutation.reportBorderInterdiction': 100,
  'Mutation.reportStockpileLoss': 100,
  'Mutation.recordDisposition': 100,
  'Seizure.persons': 20,
  // Acts on shared records, agreements and the broker registry: a request to an agency service, a signature, an append, a wait for the hub.
  ...Object.fromEntries(
    [
      'openCase',
      'inviteToCase',
      'respondToCaseInvitation',
      'leaveCase',
      'attachToCase',
      'addCaseNote',
      'decideShareRequest',
      'withdrawShare',
      'requestTrace',
      'acknowledgeTrace',
      'answerTrace',
      'declineTrace',
      'createSharingAgreement',
      'revokeSharingAgreement',
      'registerBroker',
      'grantBrokeringLicence',
      'suspendBroker',
      'revokeBroker',
      'flagBrokerActivity',
      'observeRoute',
    ].map((m) => [`Mutation.${m}`, 100]),
  ),
  // Reads the viewer's items of every flagged chain (docs/diversion.md), whatever `first` keeps.
  'Query.diversionClusters': 100,
  // Up to 5,000 records read, marked and audited in one answer.
  'Query.exportSeizures': 2000,
  // Two aggregations over the viewer's visible seizures with a route (this period and the one before).
  'Query.routes': 200,
  'Query.exportRoutes': 200,
  // Joins on link keys, a serial-batch lookup and a request to the originator's service (PERSON links).
  'Query.links': 100,
};

/** How many elements a list field may return: the argument that bounds it (clamped where the resolver clamps), or the resolver's own bound. */
const LIST_SIZES: Record<string, (args: Record<string, unknown>) => number> = {
  'Query.seizures': (a) => clamp(a.first, 20, 100),
  'Query.readsOfMyRecords': (a) => clamp(a.first, 100, 500),
  'Query.hitsOnMyRecords': (a) => clamp(a.first, 50, 500),
  'Query.serialCheck': () => 20,
  'Query._entities': (a) => (Array.isArray(a.representations) ? a.representations.length : 1),
  'Query.cases': (a) => clamp(a.first, 20, 100),
  'Query.traces': (a) => clamp(a.first, 20, 100),
  'Query.shareRequests': () => 500,
  'Query.sharingAgreements': () => 50,
  'Query.brokers': (a) => clamp(a.first, 20, 100),
  'Query.routes': (a) => clamp(a.first, 20, 100),
  'Query.exportRoutes': (a) => clamp(a.first, 20, 100),
  // 50 per shared value, a few values per seizure.
  'Query.links': () => 100,
  'Query.diversionClusters': (a) => clamp(a.first, 20, 100),
  'DiversionCluster.seizures': (a) => clamp(a.first, 50, 200),
  // A case's lists are not bounded by an argument: counted at a large case's size, so a page of cases with their contents is refused.
  'Case.participants': () => 20,
  'Case.attachments': () => 100,
  'Case.notes': () => 100,
  'Case.traces': () => 20,
  'Case.timeline': () => 500,
};

function clamp(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 1), max) : fallback;
}

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const key = `${type.name}.${field.name}`;
  const isRoot = type.name === 'Query' || type.name === 'Mutation' || type.name === 'Subscription';
  const own = FIELD_COSTS[key] ?? (isRoot && !field.name.startsWith('__') ? ROOT_FIELD_COST : 1);
  // A list without a known bound counts once: its elements are parts of one record (items, persons), not records.
  const size = LIST_SIZES[key]?.(args) ?? 1;
  return own + size * childComplexity;
};

export const tooCostly = (message: string, extensions: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_QUERY_TOO_COSTLY', path: [], ...extensions } });

/**
 * A validation rule: refuses an operation whose cost (fields and aliases,
 * through fragments, times list sizes) exceeds the budget. It runs per
 * request before mercurius (operationLimitsPlugin), so costs that depend on
 * variables are counted with the request's values.
 */
export function operationCostRule(opts: { budget: number; variables?: Record<string, unknown>; operationName?: string }): ValidationRule {
  return (context) => ({
    Document: {
      leave(document) {
        let cost: number;
        try {
          cost = getComplexity({
            schema: context.getSchema(),
            query: document,
            estimators: [estimator],
            variables: opts.variables ?? {},
            ...(opts.operationName ? { operationName: opts.operationName } : {}),
            maxQueryNodes: MAX_ANALYSED_NODES,
          });
        } catch {
          // A valid document is always costable, unless it is too large to analyse: report what is wrong with
          // it (graphql-js' own validation, with its paths), or refuse it as too large. Never run uncounted.
          const invalid = validate(context.getSchema(), document);
          if (invalid.length > 0) for (const e of invalid.slice(0, 20)) context.reportError(e);
          else context.reportError(tooCostly(`the operation expands to more than ${MAX_ANALYSED_NODES} selections`, { budget: opts.budget }));
          return;
        }
        if (cost > opts.budget)
          context.reportError(tooCostly(`the operation costs ${cost} points, more than the budget of ${opts.budget} (see docs/api.md)`, { cost, budget: opts.budget }));
      },
    },
  });
}
