export { connectBus, type BusAuthOptions, type NatsConnection } from './connection';
export { ensureStreams, EVENTS_STREAM, DLQ_STREAM, type StreamSetupOptions } from './streams';
export {
  natsIdentities,
  natsInboxPrefix,
  HUB_JS_API_PREFIX,
  loadOrCreateNatsCredentials,
  readSeed,
  LIAISON_DURABLE,
  AGENCY_RELAY_NAME,
  AGENCY_IDENTITIES,
  type AgencyIdentityName,
  type NatsIdentityName,
  type NatsIdentity,
  type NatsPermissions,
  type NatsCredential,
} from './natsIdentities';
export { startRelay, type Relay, type RelayOptions, type RelayStats } from './relay';
export { startConsumer, type Consumer, type ConsumerOptions, type ConsumerStats, type DeliveryInfo, type OriginRepair } from './consumer';
export { ConsumerLedger, type DeadLetterRow, type OriginGap } from './consumerLedger';
export { ORIGIN_POSITION_HEADER, ORIGIN_PREVIOUS_HEADER, readChainLink } from './originChain';
export { RejectedEvent } from './rejectedEvent';
export { createMemoryInbox, getSqliteInbox, type Inbox } from './inbox';
export { createLogger, type Logger } from './logger';
export { requestService, rpcRules, serveRequests, type ServeOptions, type ServiceRequest, type ServiceRpc } from './serviceRpc';
export { renderNatsAccounts } from './natsAccounts';
