import type { ServiceRpc } from '@tracebridge/bus';
import { mayPerform, normaliseManufacturer, type Handling, type PersonIdentity, type SeizureReported } from '@tracebridge/contracts';
import { reportWarnings, type EmbargoRegime } from '@tracebridge/domain';
import type { Officer } from '@tracebridge/identity';
import { handlingNotice } from '@tracebridge/policy';
import { requestPersonIdentities } from './originatorRpc';
import type { Statement } from 'better-sqlite3';
import type { AgencyDirectory, HubPolicy } from './access';
import type { ReadAudit } from './audit';
import type { LiaisonProjection, SeizureRow } from './projection';
import { storedSeizureData } from './seizureIndexes';
import { VISIBLE_SEIZURES } from './visibility';

export interface SeizureFilter {
  country?: string | null;
  originator?: string | null;
  from?: string | null;
  to?: string | null;
  manufacturer?: string | null;
  category?: string | null;
}

/**
 * The hub's seizure views: one record as a viewer may see it (person
 * identities asked of the originator per viewer, never stored here; the
 * read noted for the audit) and the filtered list.
 */
export function createSeizureViews(deps: {
  projection: LiaisonProjection;
  policy: HubPolicy;
  directory: AgencyDirectory;
  audit: ReadAudit;
  rpc: ServiceRpc;
  embargoes: EmbargoRegime[];
}) {
  const { projection, policy, directory, audit, rpc } = deps;

  const personsFor = async (row: SeizureRow, data: SeizureReported, officer: Officer) => {
    let identities: PersonIdentity[] | null = null;
    // Identities stay with the originator: ask its service, as this viewer, and keep nothing.
    if (data.persons.length > 0 && mayPerform(officer.roles, 'SEE_PERSON_IDENTITIES') && policy.maySeePersonIdentities(row, officer)) {
      identities = await requestPersonIdentities(rpc, officer, row.originator_agency, row.id, policy.personsAgreementIds(row.originator_agency));
    }
    const byRef = new Map((identities ?? []).map((p) => [p.personRef, p]));
    return data.persons.map((p) => {
      const id = byRef.get(p.personRef);
      return { role: p.role, nationality: p.nationality ?? null, name: id?.name ?? null, documentNumber: id?.documentNumber ?? null, redacted: id === undefined };
    });
  };

  /** The record as `officer` sees it; `context` is the request's, for the read audit. */
  const toSeizure = (row: SeizureRow, officer: Officer, context: object) => {
    audit.note(context, row.id, row.originator_agency, officer);
    const data = storedSeizureData(row.data);
    return {
      id: row.id,
      originator: directory.agencyDto(row.originator_agency),
      occurredAt: row.occurred_at,
      reportedAt: row.reported_at,
      location: data.location,
      route: data.route ?? null,
      context: data.context ?? null,
      conveyance: data.conveyance ?? null,
      documents: data.documents,
      brokers: data.brokers,
      items: data.items.map((i) => ({ ...i, id: i.itemId, serialNumber: i.serial?.asRead ?? null, serialNormalised: i.serial?.normalised ?? null })),
      handling: handlingView(JSON.parse(row.handling) as Handling, row.originator_agency),
      dispositions: JSON.parse(row.dispositions) as unknown,
      // Embargo and marking warnings, as the reporting officer got them (hits are per viewer: serialCheck).
      warnings: () => reportWarnings(data, deps.embargoes),
      persons: () => personsFor(row, data, officer),
    };
  };

  /** The record if the officer may see it (the visibility index), else null: hidden and absent look the same. */
  const visible = (row: SeizureRow | undefined, officer: Officer): row is SeizureRow => row !== undefined && projection.visibility.level(officer.agency, row.id) === 'VIEW';

  return { toSeizure, visible, list: createSeizureList(projection) };
}

/**
 * Seizures a viewer may see, newest first, filtered: the list query's SQL
 * varies with the filters used (at most 2^6 shapes), and each shape is
 * prepared once.
 */
function createSeizureList(projection: LiaisonProjection) {
  const db = projection.db;
  const statements = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st;
  };

  /** Seizures the viewer may see, newest first; nodes and count are computed only when asked for. */
  const list = (viewerAgency: string, f: SeizureFilter, first: number, after: number) => {
    // Paging and counts walk the visibility index, so they see exactly what the policy lets the viewer see.
    projection.visibility.ensureCurrent();
    const where = [
      'TRUE',
      ...(f.country ? ['location_country = @country'] : []),
      ...(f.originator ? ['originator_agency = @originator'] : []),
      ...(f.from ? ['occurred_at >= @from'] : []),
      ...(f.to ? ['occurred_at < @to'] : []),
      ...(f.manufacturer ? [`EXISTS (SELECT 1 FROM items i WHERE i.record_id = seizures.id AND i.manufacturer_norm = @manufacturer)`] : []),
      ...(f.category ? [`EXISTS (SELECT 1 FROM json_each(seizures.data, '$.items') WHERE json_extract(value, '$.category') = @category)`] : []),
    ].join(' AND ');
    const params = {
      agency: viewerAgency,
      country: f.country ?? null,
      originator: f.originator ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
      manufacturer: f.manufacturer ? normaliseManufacturer(f.manufacturer) : null,
      category: f.category ?? null,
      after,
      limit: first + 1,
    };
    const rows = statement(`SELECT seizures.* FROM ${VISIBLE_SEIZURES} WHERE ${where} AND v.seq < @after ORDER BY v.seq DESC LIMIT @limit`).all(params) as SeizureRow[];
    const page = rows.slice(0, first);
    return {
      rows: page,
      totalCount: () => (statement(`SELECT COUNT(*) AS n FROM ${VISIBLE_SEIZURES} WHERE ${where}`).get(params) as { n: number } | undefined)?.n ?? 0,
      endCursor: page.at(-1)?.seq ?? null,
      hasNextPage: rows.length > first,
    };
  };
  return list;
}

/** A record's handling as every viewer gets it: with its handling code's meaning in words, and its restrictions (H3) shown with it. */
export const handlingView = (h: Handling, provider: string) => ({ ...h, notice: handlingNotice(h, provider) });
