import { TracebridgeError } from '@tracebridge/contracts';

/**
 * A permanent verdict on a message: no retry can change it, so the consumer
 * dead-letters it at once under `code` and goes on with the next message.
 * Handlers throw it for an event that is valid and signed but must never be
 * applied (a partner's event about another agency's record); any other
 * error thrown by a handler is taken as transient and retried.
 */
export class RejectedEvent extends TracebridgeError {
  override readonly name = 'RejectedEvent';
}
