// The verifier thread's entry (verifyPool.ts). Plain JavaScript: on Node 20 a worker does not inherit the
// TypeScript loader its process runs under (tsx), so it registers tsx itself before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./verifyWorker.ts');
