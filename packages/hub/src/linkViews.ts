import type { Statement } from 'better-sqlite3';
import type { ServiceRpc } from '@tracebridge/bus';
import type { Officer } from '@tracebridge/identity';
import { requestPersonLinks } from './originatorRpc';
import type { LiaisonProjection, SeizureRow } from './projection';

export type LinkKindName = 'BROKER' | 'CONVEYANCE' | 'DOCUMENT' | 'BATCH' | 'PERSON';

/** A link as found: the other seizure's row, what links them, and what the viewer is told of it. */
export interface FoundLink {
  kind: LinkKindName;
  row: SeizureRow;
  value: string;
}

/** One value links at most this many other seizures: a key shared more widely is a common word, not a lead (as with serials). */
const MAX_LINKS_PER_VALUE = 50;

/** Serial-batch links, from the diversion index: other visible seizures in a flagged lot with this one. */
export type BatchLinks = (seizureId: string, viewerAgency: string) => { seizureId: string; value: string }[];

/**
 * The seizures linked to one (issue 9), as a viewer may see them: the
 * seizure itself must be visible to the viewer, and so must every seizure a
 * link names (the visibility index); links through invisible records are
 * not returned. PERSON links are the originator's answer (its own seizures,
 * matched on keyed hashes of document numbers), and say only that a person
 * it holds is shared.
 */
export class LinkViews {
  private readonly shared: Statement<{ id: string; agency: string; cap: number }, SeizureRow & { link_kind: LinkKindName; link_value: string }>;
  private readonly visibleRow: Statement<{ id: string; agency: string }, SeizureRow>;

  constructor(
    private readonly projection: LiaisonProjection,
    private readonly rpc: ServiceRpc,
    private readonly batchLinks: BatchLinks = () => [],
  ) {
    this.shared = projection.db.prepare(
      `SELECT link_kind, link_value, s.* FROM (
         SELECT l1.kind AS link_kind, l1.value AS link_value, l2.record_id AS other,
                ROW_NUMBER() OVER (PARTITION BY l1.kind, l1.key ORDER BY l2.seq DESC) AS n
         FROM seizure_links l1
         JOIN seizure_links l2 ON l2.kind = l1.kind AND l2.key = l1.key AND l2.record_id != l1.record_id
         JOIN visibility v ON v.agency = @agency AND v.record_id = l2.record_id AND v.level = 2
         WHERE l1.record_id = @id)
       JOIN seizures s ON s.id = other WHERE n <= @cap ORDER BY link_kind, s.seq DESC`,
    );
    this.visibleRow = projection.db.prepare(`SELECT s.* FROM seizures s JOIN visibility v ON v.agency = @agency AND v.record_id = s.id AND v.level = 2 WHERE s.id = @id`);
  }

  /** Links of a seizure the viewer may see; none (as for an unknown id) when it may not. */
  async linksOf(seizureId: string, viewer: Officer): Promise<FoundLink[]> {
    this.projection.visibility.ensureCurrent();
    const anchor = this.visibleRow.get({ id: seizureId, agency: viewer.agency });
    if (!anchor) return [];
    const links: FoundLink[] = [];
    const seen = new Set<string>();
    const add = (kind: LinkKindName, row: SeizureRow, value: string): void => {
      const k = `${kind}\u0000${row.id}\u0000${value}`;
      if (seen.has(k)) return;
      seen.add(k);
      links.push({ kind, row, value });
    };
    for (const r of this.shared.all({ id: seizureId, agency: viewer.agency, cap: MAX_LINKS_PER_VALUE })) add(r.link_kind, r, r.link_value);
    for (const b of this.batchLinks(seizureId, viewer.agency)) {
      const row = this.visible(b.seizureId, viewer.agency);
      if (row) add('BATCH', row, b.value);
    }
    const persons = await requestPersonLinks(this.rpc, viewer, anchor.originator_agency, seizureId);
    // The originator names its own seizures only; the hub checks that, and the viewer's right to see each, before the cap.
    const visiblePersons = persons.flatMap((id) => {
      const row = id === seizureId ? undefined : this.visible(id, viewer.agency);
      return row && row.originator_agency === anchor.originator_agency ? [row] : [];
    });
    for (const row of visiblePersons.slice(0, MAX_LINKS_PER_VALUE)) add('PERSON', row, `a person held by ${anchor.originator_agency}`);
    return links;
  }

  private visible(id: string, agency: string): SeizureRow | undefined {
    return this.visibleRow.get({ id, agency });
  }
}
