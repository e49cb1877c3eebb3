import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditChainHead, openAuditStore } from '@tracebridge/hub';
import { afterAll, describe, expect, it } from 'vitest';

/** The operator's command, as docs/operations.md gives it, run as a process. */
const repoRoot = join(import.meta.dirname, '..', '..', '..');
function auditVerify(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A data dir whose liaison-audit.db an earlier hub wrote (four reads), chained by this hub on opening it; left open, as by a running hub. */
function dataDirWithAudit(): { dir: string; audit: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'tb-audit-cli-'));
  dirs.push(dir);
  const old = new Database(join(dir, 'liaison-audit.db'));
  old.exec(`CREATE TABLE record_reads (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL, originator_agency TEXT NOT NULL,
              reader_agency TEXT NOT NULL, reader_subject TEXT NOT NULL, at TEXT NOT NULL);
            INSERT INTO record_reads (record_id, originator_agency, reader_agency, reader_subject, at) VALUES
              ('s-1', 'GH-CUSTOMS', 'TG-POLICE', 'o-1', '2026-11-20T10:00:00Z'), ('s-2', 'GH-CUSTOMS', 'TG-POLICE', 'o-1', '2026-11-20T10:00:00Z'),
              ('s-3', 'GH-POLICE', 'BF-BORDER', 'o-2', '2026-11-20T11:00:00Z'), ('s-1', 'GH-CUSTOMS', 'BF-BORDER', 'o-2', '2026-11-20T12:00:00Z');`);
  old.close();
  return { dir, audit: openAuditStore(join(dir, 'liaison-audit.db')) };
}

describe('npm run audit:verify', () => {
  it('exits 0 on an intact audit while the hub has it open, prints the head, and accepts that head later', () => {
    const { dir, audit } = dataDirWithAudit();
    const head = auditChainHead(audit);
    const run = auditVerify('--data-dir', dir);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain('audit chain ok: 4 entries');
    expect(run.stdout).toContain(`head: seq 4 ${head.hash}`);
    expect(auditVerify('--data-dir', dir, '--head', head.hash.toUpperCase()).status).toBe(0);
    audit.close();
  });

  it('exits 1 on a changed row, naming its seq', () => {
    const { dir, audit } = dataDirWithAudit();
    audit.exec("UPDATE record_reads SET reader_agency = 'GH-POLICE' WHERE seq = 2");
    audit.close();
    const run = auditVerify('--data-dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('audit chain BROKEN at seq 2: record_reads seq 2 does not match its hash');
  });

  it('exits 1 when the end was cut and the head rewritten to match, given the head kept before', () => {
    const { dir, audit } = dataDirWithAudit();
    const kept = auditChainHead(audit).hash;
    const third = audit.prepare<[], string>('SELECT hash FROM record_reads WHERE seq = 3').pluck().get()!;
    audit.exec('DELETE FROM record_reads WHERE seq = 4');
    audit.prepare('UPDATE audit_chain_head SET entries = 3, seq = 3, hash = ?').run(third);
    audit.close();
    expect(auditVerify('--data-dir', dir).status).toBe(0); // the file alone cannot tell
    const run = auditVerify('--data-dir', dir, '--head', kept);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`audit chain BROKEN: the head kept elsewhere (${kept}) is not in the chain`);
  });

  it('exits 2 when there is no audit at the data dir', () => {
    const run = auditVerify('--data-dir', join(tmpdir(), 'tb-no-such-dir'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no hub audit at');
  });
});
