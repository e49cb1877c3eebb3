import type { Command, Decider } from './decider';

/**
 * given / when / then for deciders, as in emmett's DeciderSpecification:
 * given past events, when a command, then the new events or an error.
 */
export function deciderSpec<C extends Command, E, S>(decider: Decider<C, E, S>, evolveFrom?: (events: readonly E[]) => S) {
  return {
    given: (events: readonly E[] = []) => ({
      when: (command: C) => {
        const state = evolveFrom ? evolveFrom(events) : events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
        const run = (): E[] => decider.decide(command, state);
        return {
          then: (expected: (events: E[]) => void): void => expected(run()),
          thenThrows: (check: (err: unknown) => void): void => {
            let thrown: unknown;
            try {
              run();
            } catch (err) {
              thrown = err;
            }
            if (thrown === undefined) throw new Error('expected the command to be refused, but it was accepted');
            check(thrown);
          },
        };
      },
    }),
  };
}
