import { describePolicyWorlds } from '../support/policyWorlds';

// Half of the ≥ 10,000 generated worlds (the other half runs beside it in worldsA.int.spec.ts); TB_POLICY_WORLDS sets the total.
describePolicyWorlds(Math.ceil(Number(process.env.TB_POLICY_WORLDS ?? 10_000) / 2));
