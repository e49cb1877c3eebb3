import type { FastifyInstance } from 'fastify';

/**
 * Listen, print `<name> ready on <port>` on stdout (the launcher and tests
 * wait for it), and on SIGINT/SIGTERM close the app, run `cleanup` (stop
 * consumers, drain NATS, close stores) and exit.
 */
export async function serveUntilStopped(app: FastifyInstance, options: { name: string; port: number; host: string; cleanup?: () => Promise<void> | void }): Promise<void> {
  await app.listen({ port: options.port, host: options.host });
  process.stdout.write(`${options.name} ready on ${options.port}\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await options.cleanup?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Only the owner may read what a service writes (event stores, the person vault, keys): directories 0700, files 0600. */
export const PRIVATE_UMASK = 0o077;

/** Run a service's main; a failure to start is printed and ends the process with 1. */
export function runMain(main: () => Promise<void>): void {
  // Before main runs, so no file is ever created readable by others, even for a moment.
  process.umask(PRIVATE_UMASK);
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
