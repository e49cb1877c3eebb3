import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
export const consoleDir = join(repoRoot, 'services', 'console');
/** The production build the gateway serves at `/` (its default TB_CONSOLE_DIR). */
export const consoleDist = join(consoleDir, 'dist');
const STAMP = '.build-stamp';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What the build is made of: the console's sources and settings. */
function sourceStamp(): string {
  const inputs = [...files(join(consoleDir, 'src')), ...['index.html', 'vite.config.ts', 'package.json', 'schema.graphql'].map((f) => join(consoleDir, f))];
  // The lockfile (a dependency upgrade rebuilds) and this recipe (a change to how it builds rebuilds).
  inputs.push(join(repoRoot, 'pnpm-lock.yaml'), import.meta.filename);
  const hash = createHash('sha256');
  for (const file of inputs.filter((f) => existsSync(f) && !f.endsWith('.spec.ts')).sort()) hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * Brotli and gzip copies of the text files, made once at build time: the gateway sends them to a browser that
 * accepts them (@fastify/static `preCompressed`). A border post's link is slow: the first screen's 530 KB of
 * JavaScript travel as about 165 KB.
 */
function precompress(dir: string): void {
  for (const file of files(dir).filter((f) => ['.js', '.css', '.html', '.json', '.svg'].includes(extname(f)))) {
    const body = readFileSync(file);
    if (body.length < 1024) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

/**
 * Build the web console unless `dist/` was built from these very sources (the first `npm start`
 * builds it, later starts reuse it; a changed source or lockfile builds it again). Built aside,
 * then moved into place, so the gateway never serves half a build.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<'built' | 'reused'> {
  const stamp = sourceStamp();
  const stampFile = join(consoleDist, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && statSync(join(consoleDist, 'index.html'), { throwIfNoEntry: false })) return 'reused';
  log('building the web console (services/console, first start or changed sources) …');
  const out = join(consoleDir, `dist.building-${process.pid}`);
  const vite = join(dirname(createRequire(join(consoleDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  const output = await new Promise<string>((res, rej) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: consoleDir,
      // Always the production build, whatever the caller runs under (vitest sets NODE_ENV=test: React's development build, twice the size).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text += b.toString()));
    child.once('error', rej);
    child.once('exit', (code) => (code === 0 ? res(text) : rej(new Error(`the console's build failed (exit ${code}):\n${text.slice(-4000)}`))));
  });
  if (output.trim()) log(output.trim());
  precompress(out);
  writeFileSync(join(out, STAMP), stamp);
  rmSync(consoleDist, { recursive: true, force: true });
  renameSync(out, consoleDist);
  return 'built';
}
