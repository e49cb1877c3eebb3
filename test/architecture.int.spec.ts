import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/processes';

/**
 * The lint rules that guard the architecture, run on probe code through the
 * project's real ESLint configuration: if the boundary rule were dropped or
 * mis-scoped, these fail.
 */
describe('architecture boundaries (lint)', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
  };

  const forbidden = [
    "import { readFileSync } from 'node:fs';",
    "import Fastify from 'fastify';",
    "import { connect } from '@nats-io/transport-node';",
    "import { KurrentDBClient } from '@kurrent/kurrentdb-client';",
    "import Database from 'better-sqlite3';",
    "import { jwtVerify } from 'jose';",
    "import { startRelay } from '@tracebridge/bus';",
  ];

  // Probe code is linted as if it were an existing file of the package (the typed rules need a file in the project).
  const probeFile: Record<string, string> = { domain: 'packages/domain/src/decider.ts', policy: 'packages/policy/src/releasability.ts' };
  for (const pkg of ['domain', 'policy']) {
    for (const line of forbidden) {
      it(`refuses \`${line}\` in packages/${pkg}`, async () => {
        const messages = await lint(probeFile[pkg]!, `${line}\nexport const x = 1;\n`);
        expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
      });
    }
    it(`refuses the clock in packages/${pkg}`, async () => {
      const messages = await lint(probeFile[pkg]!, 'export const now = (): number => Date.now();\n');
      expect(messages.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
    });
  }

  it('allows contracts in pure packages, and I/O in adapters', async () => {
    expect(await lint('packages/domain/src/decider.ts', "import { normaliseSerial } from '@tracebridge/contracts';\nexport const f = normaliseSerial;\n")).toEqual([]);
    expect(await lint('packages/eventstore/src/errors.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toEqual([]);
  });

  it('refuses deep imports across packages', async () => {
    const messages = await lint('packages/bus/src/logger.ts', "import { x } from '@tracebridge/contracts/src/primitives';\nexport const y = x;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });
});
