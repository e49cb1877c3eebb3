import type { RecordedEvent } from './eventStore';

/** A row of the `events` table as SQLite returns it (integers as bigint where they may be large). */
export interface EventRow {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string | null;
  stored_at: number;
}

/** Data and metadata are parsed on first use: the relay needs only the metadata, and the text. */
export class SqliteRecordedEvent implements RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: bigint;
  readonly storedAt: Date;
  declare readonly raw: { data: string; metadata: string | null };
  #data: unknown;
  #metadata: unknown;
  #dataParsed = false;
  #metadataParsed = false;

  constructor(r: EventRow) {
    this.id = r.event_id;
    this.type = r.type;
    this.streamId = r.stream_id;
    this.revision = Number(r.revision);
    this.position = BigInt(r.position);
    this.storedAt = new Date(Number(r.stored_at));
    // Not enumerable: it duplicates data and metadata for whoever prints or compares events.
    Object.defineProperty(this, 'raw', { value: { data: r.data, metadata: r.metadata }, enumerable: false });
  }

  get data(): unknown {
    if (!this.#dataParsed) {
      this.#data = JSON.parse(this.raw.data) as unknown;
      this.#dataParsed = true;
    }
    return this.#data;
  }

  get metadata(): unknown {
    if (!this.#metadataParsed) {
      this.#metadata = this.raw.metadata === null ? undefined : (JSON.parse(this.raw.metadata) as unknown);
      this.#metadataParsed = true;
    }
    return this.#metadata;
  }
}
