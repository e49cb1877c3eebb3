import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const inputs = [...files(join(consoleDir, 'src')), ...['index.html', 'vite.config.ts', 'package.json', 'schema.graphql', 'tsconfig.json'].map((f) => join(consoleDir, f))];
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

const isBuilt = (stamp: string): boolean => {
  const stampFile = join(consoleDist, STAMP);
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(consoleDist, 'index.html'));
};

function runVite(out: string): Promise<string> {
  const vite = join(dirname(createRequire(join(consoleDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise<string>((res, rej) => {
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
}

/** Hashed assets of earlier builds are kept this long: a tab opened before a rebuild still loads its screens. */
const OLD_ASSETS_MS = 7 * 24 * 3600 * 1000;

/**
 * Move a finished build into `dist/`: its hashed files first, the page (`index.html`) last, so a request sees
 * either the old page with its assets or the new one with its own; earlier builds' assets stay a week.
 */
function install(out: string, stamp: string): void {
  const built = files(out).map((f) => relative(out, f));
  const page = (f: string) => f.startsWith('index.html');
  for (const rel of [...built.filter((f) => !page(f)), ...built.filter(page)]) {
    mkdirSync(dirname(join(consoleDist, rel)), { recursive: true });
    renameSync(join(out, rel), join(consoleDist, rel));
  }
  writeFileSync(join(consoleDist, STAMP), stamp);
  rmSync(out, { recursive: true, force: true });
  const kept = new Set(built);
  for (const file of files(consoleDist)) {
    const rel = relative(consoleDist, file);
    if (rel.startsWith('assets/') && !kept.has(rel) && Date.now() - statSync(file).mtimeMs > OLD_ASSETS_MS) rmSync(file, { force: true });
  }
}

/** One build at a time across processes (two `npm start`s, a test and a benchmark): a lock file naming its pid. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(consoleDir, '.build-lock');
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(lock, { encoding: 'utf8', flag: 'a+' }));
      if (!holder || !alive(holder)) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Build the web console unless `dist/` was built from these very sources (the first `npm start`
 * builds it, later starts reuse it; a changed source, the lockfile or this recipe builds it again).
 * Built aside, then moved into place page last (`install`), one build at a time.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<'built' | 'reused'> {
  const stamp = sourceStamp();
  if (isBuilt(stamp)) return 'reused';
  return withBuildLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (isBuilt(stamp)) return 'reused';
    log('building the web console (services/console, first start or changed sources) …');
    const out = join(consoleDir, `dist.building-${process.pid}`);
    const output = await runVite(out);
    if (output.trim()) log(output.trim());
    precompress(out);
    install(out, stamp);
    return 'built';
  });
}
