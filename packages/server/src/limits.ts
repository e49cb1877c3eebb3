import type { ValidationRule } from 'graphql';
import { inputPathsRule, representationsRule } from './inputRules';
import { operationCostRule } from './operationCost';

export interface OperationLimits {
  /** Points an operation may cost (docs/api.md). */
  budget: number;
  /** Cap on `_entities` representations; subgraphs only (the gateway's schema has no `_entities`). */
  maxRepresentations?: number;
}

type RulesFor = (params: { source: string; variables?: Record<string, unknown>; operationName?: string }) => ValidationRule[];

/**
 * mercurius' `validationRules` for the gateway and every subgraph. A function
 * (not a list) so that each request's variables are counted; mercurius then
 * requires its query cache off, which also means a cached "valid" never
 * skips the checks for new variables.
 */
export function operationRules(limits: OperationLimits): RulesFor {
  return ({ variables, operationName }) => {
    const scope = { ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) };
    return [
      inputPathsRule(scope),
      operationCostRule({ budget: limits.budget, ...scope }),
      ...(limits.maxRepresentations === undefined ? [] : [representationsRule({ max: limits.maxRepresentations, ...scope })]),
    ];
  };
}
