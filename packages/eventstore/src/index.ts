export type { AllSubscription, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './eventStore';
export { EventIdConflictError, StoreClosedError, WrongExpectedRevisionError } from './errors';
export { getSqliteEventStore, openSqliteDatabase, openSqliteFile, type SqliteEventStore, type SqliteEventStoreOptions } from './sqliteEventStore';
export { getKurrentEventStore, type KurrentEventStoreOptions } from './kurrentEventStore';
export { getSqliteCheckpointStore, type CheckpointStore } from './checkpointStore';
export { envelopeToEvent, recordedToEnvelope, recordedToWireEnvelope, recordedToWireJson } from './envelopeMapping';
