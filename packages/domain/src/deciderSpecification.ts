import { sameJson as same, type Command, type Decider } from './decider';

/** What a refusal must be: its stable code, and where given, the offending input path. */
export interface ExpectedRefusal {
  code: string;
  path?: (string | number)[];
  /** Every offending input path, in order, of a refusal that names several at once (a ValidationError's `issues`). */
  issues?: (string | number)[][];
}

/**
 * given / when / then for deciders, as in emmett's DeciderSpecification:
 * given past events, when a command, then exactly these new events — or
 * this refusal. Expectations are values, not callbacks, so a spec cannot
 * pass by asserting nothing.
 */
export function deciderSpec<C extends Command, E, S>(decider: Decider<C, E, S>) {
  return {
    given: (events: readonly E[] = []) => ({
      when: (command: C) => {
        const run = (): E[] =>
          decider.decide(
            command,
            events.reduce((s, e) => decider.evolve(s, e), decider.initialState()),
          );
        return {
          /** The decider emits exactly `expected` (compared as JSON). */
          then: (expected: readonly E[]): E[] => {
            const actual = run();
            if (!same(actual, expected)) throw new Error(`expected the events\n${JSON.stringify(expected, null, 2)}\nbut the decider emitted\n${JSON.stringify(actual, null, 2)}`);
            return actual;
          },
          /** The decider refuses with this code (and path). */
          thenRefuses: (expected: ExpectedRefusal): void => {
            let thrown: unknown;
            try {
              run();
            } catch (err) {
              thrown = err;
            }
            if (thrown === undefined) throw new Error(`expected a refusal with ${expected.code}, but the command was accepted`);
            const { code, details } = thrown as { code?: unknown; details?: { path?: unknown; issues?: { path: unknown }[] } };
            if (code !== expected.code) throw new Error(`expected a refusal with ${expected.code}, got ${String(code)}: ${(thrown as Error).message}`);
            if (expected.path && !same(details?.path, expected.path)) throw new Error(`expected the path ${JSON.stringify(expected.path)}, got ${JSON.stringify(details?.path)}`);
            const issues = details?.issues?.map((i) => i.path);
            if (expected.issues && !same(issues, expected.issues)) throw new Error(`expected the issues ${JSON.stringify(expected.issues)}, got ${JSON.stringify(issues)}`);
          },
        };
      },
    }),
  };
}
