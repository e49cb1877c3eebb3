import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs to stderr. Never log tokens or person data: the redaction
 * list is a last line of defence, not a licence to log whole requests.
 */
export function createLogger(name: string, level = process.env.TB_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'persons', '*.persons', 'privateJwk', '*.privateJwk'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
