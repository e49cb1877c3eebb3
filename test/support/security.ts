import { randomUUID } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { gql } from './graphql';

/**
 * One HTTP request written byte for byte on a socket, so the request target
 * reaches the server exactly as an attacker sends it (fetch would drop a
 * `#fragment` and normalise the path).
 */
export function rawHttp(port: number, method: string, target: string, headers: Record<string, string> = {}, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (data += c));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body) head.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** Report a customs seizure through the gateway and return its id (and its items' ids). */
export async function reportSeizure(url: string, token: string | undefined, input: Record<string, unknown>): Promise<{ id: string; itemIds: string[] }> {
  const r = await gql<{ reportCustomsSeizure: { seizure: { id: string; items: { id: string }[] } } }>(
    url,
    token,
    'mutation($i: CustomsSeizureInput!) { reportCustomsSeizure(input: $i) { seizure { id items { id } } } }',
    { i: input },
  );
  if (r.errors || !r.data) throw new Error(`report failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data.reportCustomsSeizure.seizure.id, itemIds: r.data.reportCustomsSeizure.seizure.items.map((i) => i.id) };
}

let n = 0;
/** A valid customs seizure input with a fresh serial. */
export const customsInput = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  clientReference: randomUUID(),
  occurredAt: '2026-11-20T09:30:00Z',
  location: { country: 'GH', place: 'Tema port', kind: 'PORT' },
  items: [{ kind: 'WEAPON', category: 'PISTOL', manufacturer: 'Glock', countryOfManufacture: 'AT', serialNumber: `SEC-${Date.now()}-${++n}` }],
  persons: [{ role: 'driver', name: 'Ama Owusu', nationality: 'GH', documentNumber: 'GH-P-778899' }],
  handling: { tlp: 'GREEN' },
  ...over,
});
