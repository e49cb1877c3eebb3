export type { AllSubscription, AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from './eventStore';
export { EventIdConflictError, EventPositionMissingError, StoreClosedError, StreamDeletedError, WrongExpectedRevisionError } from './errors';
export { getSqliteEventStore, openSqliteDatabase, openSqliteFile, type SqliteEventStore, type SqliteEventStoreOptions } from './sqliteEventStore';
export { getKurrentEventStore, type KurrentEventStoreOptions } from './kurrentEventStore';
export type { KurrentClient, KurrentClientSubscription, KurrentLogger } from './kurrentClient';
export { getSqliteCheckpointStore, type CheckpointStore } from './checkpointStore';
export { envelopeToEvent, recordedToEnvelope, recordedToWireEnvelope, recordedToWireJson } from './envelopeMapping';
