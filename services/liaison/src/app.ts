import type { NatsConnection } from '@nats-io/transport-node';
import { normaliseManufacturer, normaliseSerial } from '@tracebridge/contracts';
import { verifyOfficerToken, type Officer, type TrustRegistry } from '@tracebridge/identity';
import { createAccessPolicy, type PolicyRecord, type Viewer } from '@tracebridge/policy';
import { reportWarnings, rpcSubjects, type DispositionReply, type HitDto, type PersonIdentity } from '@tracebridge/reporting';
import { TracebridgeError, type ErrorCode } from '@tracebridge/contracts';
import { GraphQLError } from 'graphql';
import type { EmbargoRegime } from '@tracebridge/domain';
import type { SeizureReported, Tlp } from '@tracebridge/contracts';
import { buildGraphqlService, DateTimeScalar, sharedValueTypesSdl, type FastifyInstance, type RequestContext } from '@tracebridge/server';
import type { Statement } from 'better-sqlite3';
import { parseSeizuresArgs } from './args';
import type { LiaisonProjection, SeizureRow } from './projection';

const schema = /* GraphQL */ `
  scalar DateTime
  ${sharedValueTypesSdl}

  "Where a seizure happened."
  type Location {
    "ISO 3166-1 alpha-2."
    country: String!
    "Port, airport, crossing point or town."
    place: String!
    "PORT, AIRPORT, LAND_BORDER, SEA or INLAND."
    kind: String!
    "Latitude."
    lat: Float
    "Longitude."
    lon: Float
  }

  "Declared or established route."
  type Route {
    "Country of origin."
    origin: String
    "Transit countries in order."
    transit: [String!]!
    "Country of destination."
    destination: String
  }

  "A seized weapon, part or lot of ammunition."
  type Item {
    "Item id."
    id: ID!
    "WEAPON, AMMUNITION or PART."
    kind: String!
    "UN SALW category."
    category: String
    "Manufacturer as marked."
    manufacturer: String
    "Model."
    model: String
    "Calibre."
    calibre: String
    "Serial number as read."
    serialNumber: String
    "Serial number as matched (case, spaces, dashes, leading zeros ignored)."
    serialNormalised: String
    "True when the serial was obliterated."
    serialObliterated: Boolean!
    "Country of manufacture."
    countryOfManufacture: String
    "How many."
    quantity: Int!
  }

  "A person linked to a seizure. Name and document are shown to the originating agency only; others see role and nationality, with redacted true."
  type Person {
    "Driver, passenger, consignee, suspect …"
    role: String!
    "Nationality."
    nationality: String
    "Full name; null unless you are the originator."
    name: String
    "Identity document number; null unless you are the originator."
    documentNumber: String
    "True when name and document are withheld from you."
    redacted: Boolean!
  }

  "How the originator handles the record."
  type Handling {
    "TLP level."
    tlp: String!
    "Handling code H0–H3."
    code: String!
    "Restrictions in words (H3)."
    restrictions: String
    "Source reliability A/B/C/X."
    reliability: String!
    "Information accuracy 1–4."
    accuracy: Int!
    "Agencies it is released to beyond its TLP level."
    releasableTo: [ID!]!
  }

  "What became of a seized item (PoA II.16)."
  type DispositionRecord {
    "The item."
    itemId: ID!
    "DESTROYED, RETAINED_AS_EVIDENCE or TRANSFERRED_TO_AUTHORISED_USE."
    disposition: String!
    "Date."
    date: String!
    "Destruction method."
    method: String
  }

  "A seizure, as the viewer may see it under the originator's policy."
  type Seizure @key(fields: "id") {
    "Seizure id."
    id: ID!
    "The reporting agency."
    originator: Agency!
    "When it happened."
    occurredAt: DateTime!
    "When the originator recorded it."
    reportedAt: DateTime!
    "Where."
    location: Location!
    "Route, if known."
    route: Route
    "Criminal context."
    context: String
    "Items seized."
    items: [Item!]!
    "Linked persons, redacted unless you are the originator."
    persons: [Person!]!
    "Handling as set by the originator."
    handling: Handling!
    "Embargo and marking warnings."
    warnings: [Warning!]!
    "Dispositions recorded so far."
    dispositions: [DispositionRecord!]!
  }

  "Filters for seizures; all optional, combined with AND."
  input SeizureFilter {
    "Country where it happened."
    country: String
    "Originating agency id."
    originator: ID
    "Occurred at or after."
    from: DateTime
    "Occurred before."
    to: DateTime
    "Manufacturer of an item (case-insensitive)."
    manufacturer: String
    "UN category of an item."
    category: String
  }

  "Paging."
  type PageInfo {
    "Pass as after to get the next page."
    endCursor: String
    "Whether more follow."
    hasNextPage: Boolean!
  }

  "A page of seizures."
  type SeizureConnection {
    "The seizures of this page, newest first."
    nodes: [Seizure!]!
    "How many match in all (that you may see)."
    totalCount: Int!
    "Paging."
    pageInfo: PageInfo!
  }

  "A read of one of your records by another agency."
  type RecordRead {
    "Your record."
    recordId: ID!
    "The agency that read it."
    reader: HitHolder!
    "The reading officer's id at their agency."
    readerSubject: String!
    "When."
    at: DateTime!
  }

  "Someone's serial check matched one of your records."
  type HitNotice {
    "Your record."
    recordId: ID!
    "The agency that checked."
    queriedBy: HitHolder!
    "When."
    at: DateTime!
  }

  "What became of a seized item (PoA II.16, II.18, II.19)."
  enum DispositionKind { DESTROYED RETAINED_AS_EVIDENCE TRANSFERRED_TO_AUTHORISED_USE }

  "A disposition to record for one item of one of your seizures."
  input DispositionInput {
    "The seizure."
    seizureId: ID!
    "The item of that seizure."
    itemId: ID!
    "What became of it."
    disposition: DispositionKind!
    "When, YYYY-MM-DD."
    date: String!
    "Destruction method (cutting, smelting, crushing …); required for DESTROYED."
    method: String
    "Witness of a destruction."
    witness: String
    "Authority that decided it."
    authority: String
    "Anything else."
    note: String
  }

  extend type Mutation {
    "Record what became of an item of one of your agency's seizures; the originating service records and signs it."
    recordDisposition(input: DispositionInput!): DispositionRecord!
  }

  extend type Query {
    "One seizure; null when it does not exist or you may not see it."
    seizure(id: ID!): Seizure
    "Seizures you may see, newest first."
    seizures(filter: SeizureFilter, first: Int, after: String): SeizureConnection!
    "Hit/no-hit: is this serial (of this manufacturer) recorded in the network, and by whom? The holder is notified."
    serialCheck(manufacturer: String!, serialNumber: String!): [Hit!]!
    "Who matched which of your records, newest first."
    hitsOnMyRecords: [HitNotice!]!
    "Who read which of your records, newest first (optionally one record; at most 500)."
    readsOfMyRecords(recordId: ID, first: Int): [RecordRead!]!
  }
`;

/** A single value may match at most this many records: hit/no-hit is not a search engine (domain.md, lesson 3). */
const MAX_MATCHES_PER_VALUE = 20;


export interface LiaisonOptions {
  projection: LiaisonProjection;
  registry: () => TrustRegistry;
  nc: NatsConnection;
  /** UN arms embargo regimes screened for each seizure's warnings. */
  embargoes: EmbargoRegime[];
  /** How long `Seizure` entity resolution waits for a just-reported seizure to arrive. @default 5000 */
  readYourWritesMs?: number;
}

export async function buildLiaison(opts: LiaisonOptions): Promise<{ app: FastifyInstance; close: () => void }> {
  const { projection, nc } = opts;
  const db = projection.db;
  // Access policy v1 in Cedar, checked here where the data is served (invariant 5).
  const policy = createAccessPolicy();
  const viewerOf = (o: Officer): Viewer => ({ agency: o.agency, state: o.state, groups: opts.registry().agency(o.agency)?.groups ?? [] });
  const agencyDto = (id: string) => {
    const a = opts.registry().agency(id);
    return { id, country: a?.state ?? '', kind: a?.kind ?? '', name: a?.name ?? id };
  };
  /** What the access policy reads of a projected row (seizure or item). */
  const policyRecordOf = (agency: string, state: string, tlp: string, releasableTo: string): PolicyRecord => ({
    originator: { agency, state },
    handling: { tlp: tlp as Tlp, releasableTo: JSON.parse(releasableTo) as string[] },
  });
  const visible = (row: SeizureRow, viewer: Viewer): boolean =>
    policy.mayView(policyRecordOf(row.originator_agency, row.originator_state, row.tlp, row.releasable_to), viewer);

  // The list query's SQL varies with the filters used (at most 2^6 shapes): prepare each shape once.
  const statements = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st;
  };

  const readStmt = db.prepare('INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES (?, ?, ?, ?, ?)');
  /** Every read of a shared record is itself recorded (invariant 6); the originator reading its own is not sharing. */
  const recordRead = (row: SeizureRow, ctx: RequestContext): void => {
    if (row.originator_agency !== ctx.officer.agency) readStmt.run(row.id, row.originator_agency, ctx.officer.agency, ctx.officer.subject, new Date().toISOString());
  };

  const toSeizure = (row: SeizureRow, ctx: RequestContext) => {
    recordRead(row, ctx);
    const data = JSON.parse(row.data) as SeizureReported;
    return {
      id: row.id,
      originator: agencyDto(row.originator_agency),
      occurredAt: row.occurred_at,
      reportedAt: row.reported_at,
      location: data.location,
      route: data.route ?? null,
      context: data.context ?? null,
      items: data.items.map((i) => ({ ...i, id: i.itemId, serialNumber: i.serial?.asRead ?? null, serialNormalised: i.serial?.normalised ?? null })),
      handling: JSON.parse(row.handling) as unknown,
      dispositions: JSON.parse(row.dispositions) as unknown,
      // Embargo and marking warnings, as the reporting officer got them (hits are per viewer: serialCheck).
      warnings: reportWarnings(data, opts.embargoes),
      persons: () => personsFor(row, data, ctx),
    };
  };

  const personsFor = async (row: SeizureRow, data: SeizureReported, ctx: RequestContext) => {
    let identities: PersonIdentity[] | null = null;
    const record = policyRecordOf(row.originator_agency, row.originator_state, row.tlp, row.releasable_to);
    if (data.persons.length > 0 && policy.maySeePersonIdentities(record, viewerOf(ctx.officer))) {
      // Identities stay with the originator: ask its service, as this viewer, and keep nothing.
      try {
        const reply = await nc.request(rpcSubjects.persons(row.originator_agency), JSON.stringify({ token: ctx.token, seizureId: row.id }), { timeout: 3000 });
        identities = reply.json<{ persons: PersonIdentity[] | null }>().persons;
      } catch {
        identities = null;
      }
    }
    const byRef = new Map((identities ?? []).map((p) => [p.personRef, p]));
    return data.persons.map((p) => {
      const id = byRef.get(p.personRef);
      return { role: p.role, nationality: p.nationality ?? null, name: id?.name ?? null, documentNumber: id?.documentNumber ?? null, redacted: id === undefined };
    });
  };

  const matchStmt = db.prepare<[string, string, string, number], { record_id: string; record_kind: 'SEIZURE' | 'STOCKPILE_LOSS'; holder_agency: string; holder_state: string; tlp: string; releasable_to: string; manufacturer: string; serial_as_read: string }>(
    'SELECT * FROM items WHERE manufacturer_norm = ? AND serial_norm = ? AND record_id != ? LIMIT ?',
  );
  const noticeStmt = db.prepare('INSERT INTO hit_notices (holder_agency, record_id, queried_by, at) VALUES (?, ?, ?, ?)');

  /** Hit/no-hit under policy on both sides; every holder of a match is notified, whatever the viewer is shown. */
  const checkSerials = (officer: Officer, queries: { manufacturer: string; serialNormalised: string }[], excludeRecordId = ''): HitDto[] => {
    const viewer = viewerOf(officer);
    const hits: HitDto[] = [];
    const at = new Date().toISOString();
    db.transaction(() => {
      for (const q of queries) {
        for (const m of matchStmt.all(normaliseManufacturer(q.manufacturer), q.serialNormalised, excludeRecordId, MAX_MATCHES_PER_VALUE)) {
          if (m.holder_agency !== officer.agency) noticeStmt.run(m.holder_agency, m.record_id, officer.agency, at);
          const mayRead = policy.mayView(policyRecordOf(m.holder_agency, m.holder_state, m.tlp, m.releasable_to), viewer);
          // A RED record the viewer may not see is not even acknowledged.
          if (!mayRead && m.tlp === 'RED') continue;
          const holder = agencyDto(m.holder_agency);
          hits.push({ holder: { id: holder.id, country: holder.country, kind: holder.kind }, recordId: mayRead ? m.record_id : null, recordKind: m.record_kind, manufacturer: m.manufacturer, serialNumber: m.serial_as_read });
        }
      }
    })();
    return hits;
  };

  const rpc = nc.subscribe(rpcSubjects.serialCheck, {
    queue: 'liaison',
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        try {
          const req = msg.json<{ token: string; queries: { manufacturer: string; serialNormalised: string }[]; excludeRecordId?: string }>();
          const officer = await verifyOfficerToken(req.token, opts.registry());
          msg.respond(JSON.stringify({ hits: checkSerials(officer, req.queries.slice(0, 1000), req.excludeRecordId) }));
        } catch (e) {
          msg.respond(JSON.stringify({ error: (e as { code?: string }).code ?? 'TB_ERR_BAD_USER_INPUT' }));
        }
      })();
    },
  });

  const app = await buildGraphqlService({
    name: 'liaison',
    schema,
    registry: opts.registry,
    resolvers: {
      DateTime: DateTimeScalar,
      Seizure: {
        __resolveReference: async (ref: { id: string }, _args: unknown, ctx: RequestContext) => {
          const row = await projection.waitForSeizure(ref.id, opts.readYourWritesMs ?? 5000);
          return row && visible(row, viewerOf(ctx.officer)) ? toSeizure(row, ctx) : null;
        },
      },
      Mutation: {
        recordDisposition: async (_r: unknown, args: { input: Record<string, unknown> & { seizureId: string } }, ctx: RequestContext) => {
          const row = projection.seizure(args.input.seizureId);
          // Do not reveal a seizure the caller may not see; refuse one they see but do not own.
          if (!row || !visible(row, viewerOf(ctx.officer))) throw new TracebridgeError('TB_ERR_SEIZURE_NOT_FOUND', 'no such seizure', { details: { path: ['input', 'seizureId'] } });
          if (row.originator_agency !== ctx.officer.agency) throw new TracebridgeError('TB_ERR_NOT_ORIGINATOR', 'only the originating agency may record dispositions of its seizures');
          const input = Object.fromEntries(Object.entries(args.input).filter(([, v]) => v !== null));
          let reply: DispositionReply;
          try {
            const msg = await nc.request(rpcSubjects.recordDisposition(row.originator_agency), JSON.stringify({ token: ctx.token, input }), { timeout: 5000 });
            reply = msg.json<DispositionReply>();
          } catch {
            throw new GraphQLError('the originating agency service did not answer; try again', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
          }
          if (reply.error) throw new TracebridgeError(reply.error.code as ErrorCode, reply.error.message, { details: { path: reply.error.path ?? [] } });
          return reply.ok;
        },
      },
      Query: {
        seizure: (_r: unknown, args: { id: string }, ctx: RequestContext) => {
          const row = projection.seizure(args.id);
          return row && visible(row, viewerOf(ctx.officer)) ? toSeizure(row, ctx) : null;
        },
        seizures: (_r: unknown, rawArgs: Parameters<typeof parseSeizuresArgs>[0], ctx: RequestContext) => {
          const args = parseSeizuresArgs(rawArgs);
          const viewer = viewerOf(ctx.officer);
          const first = Math.min(Math.max(args.first ?? 20, 1), 100);
          const after = (args.after ? Number(Buffer.from(args.after, 'base64url').toString()) : NaN) || Number.MAX_SAFE_INTEGER;
          const f = args.filter ?? {};
          // The policy as SQL, so paging and counts see only what the viewer may see; each row is checked again by mayView below.
          const where = [
            `(originator_agency = @agency OR tlp IN ('CLEAR','GREEN') OR (tlp = 'AMBER' AND originator_state = @state) OR EXISTS (SELECT 1 FROM json_each(releasable_to) WHERE value = @agency OR value IN (SELECT value FROM json_each(@groups))))`,
            ...(f.country ? ['location_country = @country'] : []),
            ...(f.originator ? ['originator_agency = @originator'] : []),
            ...(f.from ? ['occurred_at >= @from'] : []),
            ...(f.to ? ['occurred_at < @to'] : []),
            ...(f.manufacturer ? [`EXISTS (SELECT 1 FROM items i WHERE i.record_id = seizures.id AND i.manufacturer_norm = @manufacturer)`] : []),
            ...(f.category ? [`EXISTS (SELECT 1 FROM json_each(seizures.data, '$.items') WHERE json_extract(value, '$.category') = @category)`] : []),
          ].join(' AND ');
          const params = { agency: viewer.agency, state: viewer.state, groups: JSON.stringify(viewer.groups), country: f.country ?? null, originator: f.originator ?? null, from: f.from ?? null, to: f.to ?? null, manufacturer: f.manufacturer ? normaliseManufacturer(f.manufacturer) : null, category: f.category ?? null, after, limit: first + 1 };
          const rows = statement(`SELECT * FROM seizures WHERE ${where} AND seq < @after ORDER BY seq DESC LIMIT @limit`).all(params) as SeizureRow[];
          const total = (statement(`SELECT COUNT(*) AS n FROM seizures WHERE ${where}`).get(params) as { n: number } | undefined)?.n ?? 0;
          const page = rows.slice(0, first).filter((r) => visible(r, viewer));
          const last = rows.slice(0, first).at(-1);
          return {
            nodes: db.transaction(() => page.map((r) => toSeizure(r, ctx)))(),
            totalCount: total,
            pageInfo: { endCursor: last ? Buffer.from(String(last.seq)).toString('base64url') : null, hasNextPage: rows.length > first },
          };
        },
        serialCheck: (_r: unknown, args: { manufacturer: string; serialNumber: string }, ctx: RequestContext) => {
          const serial = normaliseSerial(args.serialNumber.slice(0, 64));
          if (serial === null || args.manufacturer.trim() === '') return [];
          return checkSerials(ctx.officer, [{ manufacturer: args.manufacturer.slice(0, 120), serialNormalised: serial }]);
        },
        readsOfMyRecords: (_r: unknown, args: { recordId?: string | null; first?: number | null }, ctx: RequestContext) => {
          const limit = Math.min(Math.max(args.first ?? 100, 1), 500);
          type ReadRow = { record_id: string; reader_agency: string; reader_subject: string; at: string };
          const rows = args.recordId
            ? db.prepare<[string, string, number], ReadRow>('SELECT * FROM record_reads WHERE originator_agency = ? AND record_id = ? ORDER BY seq DESC LIMIT ?').all(ctx.officer.agency, args.recordId, limit)
            : db.prepare<[string, number], ReadRow>('SELECT * FROM record_reads WHERE originator_agency = ? ORDER BY seq DESC LIMIT ?').all(ctx.officer.agency, limit);
          return rows.map((r) => {
            const a = agencyDto(r.reader_agency);
            return { recordId: r.record_id, reader: { id: a.id, country: a.country, kind: a.kind }, readerSubject: r.reader_subject, at: r.at };
          });
        },
        hitsOnMyRecords: (_r: unknown, _a: unknown, ctx: RequestContext) =>
          db
            .prepare<[string], { record_id: string; queried_by: string; at: string }>('SELECT * FROM hit_notices WHERE holder_agency = ? ORDER BY seq DESC LIMIT 500')
            .all(ctx.officer.agency)
            .map((n) => {
              const q = agencyDto(n.queried_by);
              return { recordId: n.record_id, queriedBy: { id: q.id, country: q.country, kind: q.kind }, at: n.at };
            }),
      },
    },
  });
  return { app, close: () => rpc.unsubscribe() };
}
