import type { Handling, SeizureReported } from '@tracebridge/contracts';
import { handlingNotice } from '@tracebridge/policy';
import { requireRole, type RequestContext } from '@tracebridge/server';
import { parseSeizuresArgs } from './args';
import type { HubParts } from './resolvers';

const COLUMNS = ['id', 'originator', 'occurredAt', 'country', 'place', 'tlp', 'handlingCode', 'handlingNotice', 'items', 'manufacturers', 'serialNumbers'] as const;

/** One CSV field: quoted, quotes doubled, and a leading formula character defused (a spreadsheet must not run what a record says). */
const csvField = (value: string): string => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

/**
 * An export of the seizures a viewer may see (CSV), marked as their
 * handling asks: each row carries its handling code's notice, and the
 * export lists every notice of the records in it (H1: not for court without
 * the provider's permission; H2: no further dissemination; H3: the
 * restrictions). Person identities are never exported. Each record exported
 * is audited for its originator (kind EXPORT).
 */
export function exportResolvers(h: HubParts) {
  return {
    exportSeizures: (_r: unknown, rawArgs: Parameters<typeof parseSeizuresArgs>[0], ctx: RequestContext) => {
      requireRole(ctx.officer, 'CHECK_SERIALS');
      const args = parseSeizuresArgs(rawArgs);
      const page = h.views.list(ctx.officer.agency, args.filter ?? {}, Math.min(Math.max(args.first ?? 500, 1), 5000), h.cursors.open('exportSeizures', args.after));
      const markings = new Set<string>();
      const lines = page.rows.map((row) => {
        const data = JSON.parse(row.data) as SeizureReported;
        const handling = JSON.parse(row.handling) as Handling;
        const notice = handlingNotice(handling, row.originator_agency);
        if (handling.code !== 'H0' || handling.restrictions) for (const n of notice) markings.add(`${row.id}: ${n}`);
        h.audit.note(ctx, row.id, row.originator_agency, ctx.officer, 'EXPORT');
        const values = [
          row.id,
          row.originator_agency,
          row.occurred_at,
          data.location.country,
          data.location.place,
          handling.tlp,
          handling.code,
          notice.join(' '),
          String(data.items.length),
          [...new Set(data.items.flatMap((i) => (i.manufacturer ? [i.manufacturer] : [])))].join('; '),
          data.items.flatMap((i) => (i.serial ? [i.serial.asRead] : [])).join('; '),
        ];
        return values.map(csvField).join(',');
      });
      return {
        contentType: 'text/csv',
        csv: [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n',
        rows: lines.length,
        markings: [...markings],
        pageInfo: { endCursor: h.cursors.seal('exportSeizures', page.endCursor), hasNextPage: page.hasNextPage },
      };
    },
  };
}
