import { describe, it } from 'vitest';
import { deciderSpec } from './deciderSpecification';
import { stockpileLossDecider, type ReportStockpileLoss, type StockpileLossEvent } from './stockpileLoss';

const cmd = (kind: 'POLICE' | 'CUSTOMS', country = 'GH'): ReportStockpileLoss => ({
  type: 'ReportStockpileLoss',
  metadata: { now: '2026-11-20T12:00:00Z', actor: { agency: kind === 'POLICE' ? 'GH-POLICE' : 'GH-CUSTOMS', state: 'GH', kind } },
  data: {
    lossId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a70',
    kind: 'THEFT',
    facility: 'District armoury, Tamale',
    country,
    discoveredAt: '2026-11-19T07:00:00Z',
    handling: { tlp: 'GREEN' },
    items: [{ itemId: '0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a71', kind: 'WEAPON', manufacturer: 'Norinco', serialNumber: '56-00123' }],
  },
});
const spec = deciderSpec(stockpileLossDecider);

describe('stockpile loss decider (PoA II.17)', () => {
  it('lets police report a loss from their own state’s stockpile, once', () => {
    const { handling, items, ...data } = cmd('POLICE').data;
    const lost: StockpileLossEvent = {
      type: 'StockpileLossReported',
      occurredAt: '2026-11-19T07:00:00Z',
      handling,
      originator: { agency: 'GH-POLICE', state: 'GH' },
      data: { ...data, items: [{ itemId: items[0]!.itemId, kind: 'WEAPON', manufacturer: 'Norinco', serial: { asRead: '56-00123', normalised: '5600123' } }] },
    };
    spec.given().when(cmd('POLICE')).then([lost]);
    spec
      .given([lost])
      .when(cmd('POLICE'))
      .thenRefuses({ code: 'TB_ERR_STOCKPILE_LOSS_ALREADY_REPORTED', path: ['lossId'] });
  });
  it('refuses other agency kinds and other states’ stockpiles', () => {
    spec.given().when(cmd('CUSTOMS')).thenRefuses({ code: 'TB_ERR_WRONG_AGENCY_KIND' });
    spec
      .given()
      .when(cmd('POLICE', 'TG'))
      .thenRefuses({ code: 'TB_ERR_BAD_USER_INPUT', path: ['country'] });
  });
});
