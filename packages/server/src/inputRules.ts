import {
  coerceInputValue,
  GraphQLError,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  type GraphQLInputType,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { z } from 'zod';

type Path = (string | number)[];
const MAX_REPORTED = 20;

const badInput = (path: Path, message: string, extra: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(`${path.join('.') || 'input'}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', tbCode: 'TB_ERR_BAD_USER_INPUT', path, ...extra } });

type Report = (path: Path, message: string) => void;
const capped = (context: { reportError: (e: GraphQLError) => void }): Report => {
  let reported = 0;
  return (path, message) => {
    if (reported++ < MAX_REPORTED) context.reportError(badInput(path, message));
  };
};

/**
 * graphql-js reports a bad literal with the path only inside its message;
 * clients need it as data. This rule checks inline argument values and
 * reports each problem with `extensions.path` (starting with the argument's
 * name). It needs no variables, so mercurius may cache a document it passed.
 */
export const literalPathsRule: ValidationRule = (context) => {
  const report = capped(context);
  return {
    Argument(node) {
      const arg = context.getArgument();
      if (arg) checkLiteral(node.value, arg.type, [node.name.value], report);
    },
  };
};

/** The same for variables (a variable's path starts with its name): run per request, with that request's values. */
export function variablePathsRule(opts: { variables?: Record<string, unknown>; operationName?: string }): ValidationRule {
  return (context) => {
    const report = capped(context);
    return {
      OperationDefinition(op) {
        if (opts.operationName && op.name?.value !== opts.operationName) return;
        for (const def of op.variableDefinitions ?? []) {
          const name = def.variable.name.value;
          const type = typeFromAST(context.getSchema(), def.type) as GraphQLInputType | undefined;
          if (!type) continue; // an unknown type is graphql-js' own error
          const value = opts.variables?.[name];
          if (value === undefined) {
            if (isNonNullType(type) && !def.defaultValue) report([name], 'is required');
            continue;
          }
          coerceInputValue(value, type, (path, _invalid, error) => report([name, ...path], error.message));
        }
      },
    };
  };
}

/** The literal's counterpart of coerceInputValue, keeping the path. */
function checkLiteral(node: ValueNode, type: GraphQLInputType, path: Path, report: Report): void {
  if (node.kind === Kind.VARIABLE) return;
  if (isNonNullType(type)) {
    if (node.kind === Kind.NULL) report(path, 'must not be null');
    else checkLiteral(node, type.ofType, path, report);
    return;
  }
  if (node.kind === Kind.NULL) return;
  if (isListType(type)) {
    if (node.kind === Kind.LIST) node.values.forEach((v, i) => checkLiteral(v, type.ofType, [...path, i], report));
    else checkLiteral(node, type.ofType, path, report);
    return;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return report(path, `expected an object of type ${type.name}`);
    const fields = type.getFields();
    for (const f of node.fields) {
      const def = fields[f.name.value];
      if (def) checkLiteral(f.value, def.type, [...path, f.name.value], report);
      else report([...path, f.name.value], `is not a field of ${type.name}`);
    }
    for (const def of Object.values(fields)) {
      if (isNonNullType(def.type) && def.defaultValue === undefined && !node.fields.some((f) => f.name.value === def.name)) report([...path, def.name], 'is required');
    }
    return;
  }
  if (isLeafType(type)) {
    try {
      if (type.parseLiteral(node, undefined) === undefined) report(path, `is not a valid ${type.name}`);
    } catch (err) {
      report(path, (err as Error).message);
    }
  }
}

/** Every entity here is keyed by a string `id`: anything else is refused before a resolver sees it. */
const Representation = z.object({ __typename: z.string().min(1).max(100), id: z.string().min(1).max(200) });

/** The default cap on `_entities` representations per request: the gateway asks for at most a page (100) at a time. */
export const DEFAULT_MAX_REPRESENTATIONS = 100;

/**
 * A subgraph's `_entities` is reachable directly on loopback: cap the
 * representations per request and check their shape before any reference
 * resolver runs (each may wait for a projection, read a database, call another service).
 */
export function representationsRule(opts: { max: number; variables?: Record<string, unknown> }): ValidationRule {
  return (context) => ({
    Field(node) {
      if (node.name.value !== '_entities' || context.getParentType()?.name !== 'Query') return;
      const arg = node.arguments?.find((a) => a.name.value === 'representations');
      if (!arg) return;
      const value = valueFromASTUntyped(arg.value, opts.variables ?? {});
      const list = Array.isArray(value) ? value : [value];
      if (list.length > opts.max) {
        context.reportError(
          badInput(['representations'], `at most ${opts.max} representations per request, got ${list.length}`, { tbCode: 'TB_ERR_TOO_MANY_REPRESENTATIONS', max: opts.max }),
        );
        return;
      }
      list.forEach((r, i) => {
        const parsed = Representation.safeParse(r);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          context.reportError(
            badInput(['representations', i, ...(issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p))], issue?.message ?? 'not a representation'),
          );
        } else if (!isObjectType(context.getSchema().getType(parsed.data.__typename))) {
          context.reportError(badInput(['representations', i, '__typename'], 'not an entity type of this service'));
        }
      });
    },
  });
}
