import type { ReportFacts, ReportWarningDto } from '@tracebridge/contracts';
import { diversionClusters, lotOf, type BatchChain, type BatchItem, type LotNumbers } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import { ALL_TIME, describeLot, type DiversionViews } from './diversionViews';
import type { ReportCheck } from './reportChecks';

/** The new report's items in the chains (they have no seq yet). */
const REPORTED = 'reported';

/**
 * The DIVERSION_CLUSTER warning (issue 9): a reported weapon that joins a
 * probable diverted lot the reporter may see. Computed from the report's own
 * facts, as the reporter's agency sees the network: its visible items near
 * each new serial, plus the new items in the reporter's state and on the
 * seizure's date. The report may already be projected when the check runs
 * (the agency service asks after its append): its own rows are left out, so
 * the answer is the same whichever came first.
 */
export function diversionCheck(views: DiversionViews): ReportCheck {
  return (viewer: Officer, report: ReportFacts, reportedRecordId: string): ReportWarningDto[] => {
    const scope = { ...ALL_TIME, agency: viewer.agency, except: views.seqOf(reportedRecordId) ?? -1 };
    const occurredAt = Date.parse(report.occurredAt);
    const chains = new Set<number>();
    const fresh: BatchItem[] = [];
    for (const item of report.items) {
      const lot = lotOf(item);
      // A lot the hub has never seen holds no other item: nothing to join.
      const lotId = lot ? views.batches.lotId(lot.key) : undefined;
      if (!lot || lotId === undefined) continue;
      for (const c of views.batches.chainsNear(lotId, lot.number, scope.except).chains) chains.add(c);
      fresh.push({ recordId: REPORTED, lot: String(lotId), width: lot.key.width, number: lot.number, state: report.state, occurredAt });
    }
    if (chains.size === 0) return [];
    views.ensureCurrent();
    // The new weapons' own windows too (ids no chain has): a report whose weapons chain far among themselves reads their surroundings.
    const around = fresh.map((f, i) => ({ id: -1 - i, lot: Number(f.lot), lo: f.number, hi: f.number }));
    const { candidates, numbersOf } = views.reader.read([...views.reader.chains(chains), ...around], scope);
    const joined = diversionClusters([...candidates, ...fresh], views.rules, withFresh(numbersOf, fresh)).filter((c) => c.records.includes(REPORTED));
    return joined.map((c) => warning(views, c));
  };
}

/** The viewer's serials around a chain, and the report's own. */
function withFresh(numbersOf: LotNumbers, fresh: readonly BatchItem[]): LotNumbers {
  const merged = new Map<string, number[]>();
  return (lot) => {
    let ns = merged.get(lot);
    if (!ns) merged.set(lot, (ns = [...new Set([...numbersOf(lot), ...fresh.filter((i) => i.lot === lot).map((i) => i.number)])].sort((a, b) => a - b)));
    return ns;
  };
}

function warning(views: DiversionViews, c: BatchChain): ReportWarningDto {
  const v = views.view({ ...c, records: c.records.filter((r) => r !== REPORTED) });
  const mine = c.items.filter((i) => i.recordId === REPORTED).length;
  const others = c.records.length - 1;
  const states = `${c.states.length} state${c.states.length === 1 ? '' : 's'} (${c.states.join(', ')})`;
  return {
    code: 'DIVERSION_CLUSTER',
    message:
      `${mine === 1 ? 'a reported weapon joins' : `${mine} reported weapons join`} a probable diverted lot: ${describeLot(v)}, ` +
      `${c.serials} serials seized in ${states} between ${v.firstSeen.slice(0, 10)} and ${v.lastSeen.slice(0, 10)}, ` +
      `with ${others} other seizure${others === 1 ? '' : 's'} you may see`,
  };
}
