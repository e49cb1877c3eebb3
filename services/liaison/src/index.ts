export { buildLiaison, type LiaisonOptions } from './app';
export { LiaisonProjection, type ItemRow, type SeizureRow } from './projection';
