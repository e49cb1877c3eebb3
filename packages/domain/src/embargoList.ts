import { EmbargoFile } from '@tracebridge/contracts';
import shipped from '../data/un-arms-embargoes.json' with { type: 'json' };

/**
 * The UN arms embargo list shipped with the project (data/, cited regime by
 * regime), beside the screening rules that read it. Data, not I/O: it is
 * bundled with the code and validated when first asked for. Operators who
 * keep their own list point TB_EMBARGO_FILE at it (packages/server reads it).
 */
let parsed: EmbargoFile['regimes'] | undefined;
export const shippedEmbargoRegimes = (): EmbargoFile['regimes'] => (parsed ??= EmbargoFile.parse(shipped).regimes);
