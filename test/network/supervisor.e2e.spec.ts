import { randomUUID } from 'node:crypto';
import { superviseNetwork, type Supervisor } from '@tracebridge/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { startTestNetwork, type TestNetwork } from '../support/network';
import { until } from '../support/processes';
import { report, seizureInput } from '../support/seizureReports';

/*
 * The launcher supervises (issue 10, item 9): a service that crashes is
 * restarted with back-off and logged, and the rest of the network keeps
 * serving meanwhile; stopping the supervisor first lets the network stop
 * without anything coming back.
 */
let net: TestNetwork;
let supervisor: Supervisor;
const lines: string[] = [];

beforeAll(async () => {
  net = await startTestNetwork('tb-supervise-');
  // A long first back-off, so the test sees the network serve while police is down.
  supervisor = superviseNetwork(net.network, { log: (l) => lines.push(l), backoff: { initialMs: 1500, maxMs: 5000 } });
}, 120_000);
afterAll(async () => {
  supervisor?.stop();
  await net?.close();
});

const police = () => net.network.processes.get('police')!;

describe('the launcher', () => {
  it('restarts a crashed service with back-off while the others keep serving, and logs it', async () => {
    const before = police().child.pid;
    await police().kill('SIGKILL');
    await until(() => lines.some((l) => l.startsWith('police exited (SIGKILL); restarting in 1500 ms')), 5000, 'the exit logged');
    // Police is down: customs still reports and the hub still answers through the gateway.
    const r = await report(net, seizureInput());
    expect(r.seizure.id).toBeTruthy();
    expect(supervisor.restarts().get('police') ?? 0).toBe(0);
    await until(() => supervisor.restarts().get('police') === 1, 60_000, 'police restarted');
    expect(police().child.pid).not.toBe(before);
    expect(lines).toContain('police restarted');
    // The restarted service serves again: a police recovery through the gateway.
    const recovery = await gql<{ reportPoliceRecovery: { seizure: { id: string } } }>(
      net.url,
      net.tokens['GH-POLICE'],
      'mutation($i: PoliceRecoveryInput!) { reportPoliceRecovery(input: $i) { seizure { id } } }',
      {
        i: {
          clientReference: randomUUID(),
          occurredAt: '2026-11-20T09:30:00Z',
          location: { country: 'GH', place: 'Kumasi', kind: 'INLAND' },
          items: [{ kind: 'WEAPON', category: 'PISTOL' }],
          handling: { tlp: 'GREEN' },
        },
      },
    );
    expect(recovery.errors, JSON.stringify(recovery.errors)).toBeUndefined();
  }, 120_000);

  it("shows each service's relays and the hub's consumer on /health and /metrics, without a token", async () => {
    await report(net, seizureInput());
    const port = net.network.ports;
    const health = (await (await fetch(`http://127.0.0.1:${port.customs}/health`)).json()) as {
      ok: boolean;
      relays: { agencies: Record<string, { published: number; acked: string; head: string }> };
    };
    expect(health.ok).toBe(true);
    expect(health.relays.agencies['GH-CUSTOMS']!.published).toBeGreaterThanOrEqual(2);
    expect(BigInt(health.relays.agencies['GH-CUSTOMS']!.acked)).toBeGreaterThanOrEqual(2n);
    // The store's head is read through the agency's guarded storage (a relay lag that could never rise would alert on nothing).
    await until(
      async () => BigInt(((await (await fetch(`http://127.0.0.1:${port.customs}/health`)).json()) as typeof health).relays.agencies['GH-CUSTOMS']!.head) >= 2n,
      5000,
      'the store head',
    );
    const metrics = await (await fetch(`http://127.0.0.1:${port.customs}/metrics`)).text();
    const published = Number(/tb_relay_published_total\{[^}]*agency="GH-CUSTOMS"[^}]*\} (\d+)/.exec(metrics)?.[1]);
    expect(published).toBeGreaterThanOrEqual(2);
    // The hub applies what the relays publish: its consumer's count follows.
    await until(
      async () => {
        const hub = (await (await fetch(`http://127.0.0.1:${port.liaison}/health`)).json()) as { consumer: { applied: number } };
        return hub.consumer.applied >= published;
      },
      10_000,
      'the hub applied what customs published',
    );
    const hubMetrics = await (await fetch(`http://127.0.0.1:${port.liaison}/metrics`)).text();
    for (const gauge of [
      'tb_consumer_applied_total',
      'tb_consumer_lag',
      'tb_consumer_gaps',
      'tb_consumer_parked',
      'tb_consumer_dead_letters',
      'tb_consumer_retrying',
      'tb_consumer_position',
    ])
      expect(hubMetrics).toMatch(new RegExp(`${gauge}\\{[^}]*durable="liaison"[^}]*\\} \\d+`));
    // Caught up: the relay's lag (stored, not yet acknowledged) and the hub's (in the stream, not yet delivered) come back to 0.
    await until(
      async () => {
        const relayLag = /tb_relay_lag\{[^}]*agency="GH-CUSTOMS"[^}]*\} (\d+)/.exec(await (await fetch(`http://127.0.0.1:${port.customs}/metrics`)).text())?.[1];
        const hub = (await (await fetch(`http://127.0.0.1:${port.liaison}/health`)).json()) as { consumer: { pending: number; ready: boolean; gaps: number } };
        return relayLag === '0' && hub.consumer.pending === 0 && hub.consumer.gaps === 0 && hub.consumer.ready;
      },
      10_000,
      'relay and hub lag to reach 0',
    );
  });

  it('restarts nothing once stopped', async () => {
    supervisor.stop();
    const count = supervisor.restarts().get('border') ?? 0;
    await net.network.processes.get('border')!.kill('SIGKILL');
    // Nothing is scheduled after stop(): the exit is not even logged.
    expect(lines.some((l) => l.startsWith('border exited'))).toBe(false);
    expect(supervisor.restarts().get('border') ?? 0).toBe(count);
  });
});
