import { readdirSync, readFileSync } from 'node:fs';
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
    "import { buildGraphqlService } from '@tracebridge/server';",
    "import { buildLiaison } from '@tracebridge/hub';",
    "import { x } from '@tracebridge/contracts/src/primitives';",
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

describe('runtime code and services (lint)', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };
  const testKit = "import { startNatsServer } from '@tracebridge/testkit';\nexport const f = startNatsServer;\n";
  const aService = "import { buildLiaison } from '@tracebridge/liaison';\nexport const f = buildLiaison;\n";

  it('refuses the test kit in runtime code: services (npm start, the relay) and packages', async () => {
    for (const file of ['services/network/src/seed.ts', 'services/relay/src/main.ts', 'packages/bus/src/logger.ts', 'packages/reporting/src/keyedIds.ts']) {
      expect(await lint(file, testKit), file).not.toEqual([]);
    }
  });

  it('allows the test kit in tests', async () => {
    expect(await lint('test/support/network.ts', testKit)).toEqual([]);
    expect(await lint('packages/bus/src/bus.int.spec.ts', testKit)).toEqual([]);
  });

  it('refuses the write side in the read side: the hub never imports the agency services’ package', async () => {
    const writeSide = "import { buildAgencyService } from '@tracebridge/reporting';\nexport const f = buildAgencyService;\n";
    expect(await lint('packages/hub/src/app.ts', writeSide)).not.toEqual([]);
    // and the rules for all runtime code still hold there
    expect(await lint('packages/hub/src/app.ts', testKit)).not.toEqual([]);
    expect(await lint('services/customs/src/main.ts', writeSide)).toEqual([]);
  });

  it('refuses reaching into another package by path, and dynamic import() that would pass by every rule', async () => {
    const byPath = "import { buildAgencyService } from '../../../packages/reporting/src/agencyService';\nexport const f = buildAgencyService;\n";
    expect(await lint('packages/hub/src/app.ts', byPath)).not.toEqual([]);
    expect(await lint('packages/bus/src/relay.ts', "import { x } from '../../reporting/src/forms';\nexport const f = x;\n")).not.toEqual([]);
    expect(await lint('packages/domain/src/decider.ts', "import { x } from '../../policy/src/index';\nexport const f = x;\n")).not.toEqual([]);
    // a sibling file of the same package is fine
    expect(await lint('packages/contracts/src/events/seizure.ts', "import { AgencyId } from '../primitives';\nexport const f = AgencyId;\n")).toEqual([]);
    const [dynamic] = await eslint.lintText("export const load = () => import('@tracebridge/testkit');\n", { filePath: join(repoRoot, 'services/network/src/seed.ts') });
    expect(dynamic?.messages.map((m) => m.ruleId)).toContain('no-restricted-syntax');
  });

  it('refuses a service in another service or in a package, and allows it in tests', async () => {
    for (const file of ['services/gateway/src/graphiql.ts', 'services/network/src/seed.ts', 'packages/reporting/src/keyedIds.ts']) {
      expect(await lint(file, aService), file).not.toEqual([]);
    }
    expect(await lint('test/support/network.ts', aService)).toEqual([]);
  });

  it('knows every service: each folder under services/ is refused by its package name', async () => {
    for (const name of readdirSync(join(repoRoot, 'services'))) {
      const probe = `import { x } from '@tracebridge/${name}';\nexport const f = x;\n`;
      expect(await lint('packages/reporting/src/keyedIds.ts', probe), name).not.toEqual([]);
    }
  });
});

describe('size (lint)', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const sizeRules = new Set(['max-lines', 'max-lines-per-function']);
  const lint = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
    return (result?.messages ?? []).filter((m) => sizeRules.has(m.ruleId ?? '')).map((m) => m.ruleId!);
  };
  /** A function `lines` long, first line to closing brace; `padding` adds that many blank lines and as many comment lines inside it. */
  const aFunction = (lines: number, padding = 0): string =>
    `export function probe(): number {\n  let x = 0;\n${'  x += 1;\n'.repeat(lines - 4)}${'\n  // why\n'.repeat(padding)}  return x;\n}\n`;
  const anIife = (lines: number): string => `export const probe = (() => {\n  let x = 0;\n${'  x += 1;\n'.repeat(lines - 4)}  return x;\n})();\n`;
  /** A file `lines` long, `blank` of them blank. */
  const aFile = (lines: number, blank = 0): string => Array.from({ length: lines - blank }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n'.repeat(blank) + '\n';
  const runtime = ['packages/bus/src/logger.ts', 'services/network/src/seed.ts'];

  it('refuses a function over 60 lines in runtime code, IIFEs included, and counts neither blank lines nor comments', async () => {
    for (const file of runtime) {
      expect(await lint(file, aFunction(61)), file).toEqual(['max-lines-per-function']);
      expect(await lint(file, anIife(61)), file).toEqual(['max-lines-per-function']);
      expect(await lint(file, aFunction(60)), file).toEqual([]);
      expect(await lint(file, anIife(60)), file).toEqual([]);
      expect(await lint(file, aFunction(60, 20)), file).toEqual([]);
    }
  });

  it('leaves the length of functions in tests alone', async () => {
    for (const file of ['packages/bus/src/bus.int.spec.ts', 'test/support/network.ts']) expect(await lint(file, aFunction(120)), file).toEqual([]);
  });

  it('refuses a file over 300 lines, blank lines included, in runtime code and in tests', async () => {
    for (const file of [...runtime, 'packages/bus/src/bus.int.spec.ts', 'test/support/network.ts', 'test/network/restart.e2e.spec.ts']) {
      expect(await lint(file, aFile(301)), file).toEqual(['max-lines']);
      expect(await lint(file, aFile(301, 60)), file).toEqual(['max-lines']);
      expect(await lint(file, aFile(300)), file).toEqual([]);
    }
  });
});

/** The first cycle among the workspace's package dependencies (dependencies and devDependencies), or undefined. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const cycle = walk(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('workspace packages', () => {
  const manifests = ['packages', 'services']
    .flatMap((dir) => readdirSync(join(repoRoot, dir)).map((name) => join(repoRoot, dir, name, 'package.json')))
    .concat(join(repoRoot, 'test', 'package.json'))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> });
  const graph = new Map(manifests.map((m) => [m.name, Object.keys({ ...m.dependencies, ...m.devDependencies }).filter((d) => d.startsWith('@tracebridge/'))]));

  it('have no cyclic dependency (devDependencies included, as pnpm counts them)', () => {
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('would be told of a cycle (the check bites)', () => {
    const withCycle = new Map(graph);
    withCycle.set('@tracebridge/identity', [...(graph.get('@tracebridge/identity') ?? []), '@tracebridge/testkit']);
    expect(findCycle(withCycle)).toEqual(expect.arrayContaining(['@tracebridge/identity', '@tracebridge/testkit']));
  });
});
