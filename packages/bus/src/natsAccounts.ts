import type { NatsCredential, NatsIdentity, AgencyIdentityName } from './natsIdentities';
import { AGENCY_RELAY_NAME, AGENCY_RPCS, HUB_JS_API_PREFIX, LIAISON_DURABLE } from './natsIdentities';
import { deadLetterSubject, rpcSubjects } from '@tracebridge/contracts';
import { EVENTS_STREAM } from './streams';

/**
 * Each identity is an account of its own, and JetStream lives in the
 * operator's account alone. Services reach the streams only through the
 * service imports listed here, and a reply that crosses accounts is remapped
 * by the server: so no service can aim a JetStream acknowledgement, or
 * another service's answer, at a `$JS.API` subject (a publish whose reply
 * names `$JS.API.STREAM.PURGE.…` would otherwise purge the stream — subject
 * permissions do not cover reply subjects). Inside each account the
 * identity's subject permissions still apply.
 */
const accountOf = (name: string): string => name.toUpperCase();
const JS_ACCOUNT = accountOf('operator');

interface Export {
  subject: string;
  to: string[];
  /** Several responses to one request (a pull consumer's deliveries). */
  stream?: boolean;
}

/** What each account offers to whom: the stream's publish subjects, the hub's consumer API, the RPCs. */
function exportsOf(hosted: Record<AgencyIdentityName, readonly string[]>): Map<string, Export[]> {
  const agencies = Object.entries(hosted) as [AgencyIdentityName, readonly string[]][];
  const hub = [accountOf('liaison')];
  const askers = (subject: string): string[] => agencies.filter(([service]) => AGENCY_RPCS[service].asks.includes(subject)).map(([service]) => accountOf(service));
  const consumerApi = ['INFO', 'CREATE', 'DURABLE.CREATE', 'DELETE'].map((verb) => `$JS.API.CONSUMER.${verb}.${EVENTS_STREAM}.${LIAISON_DURABLE}`);
  return new Map<string, Export[]>([
    [
      JS_ACCOUNT,
      [
        ...agencies.flatMap(([service, ids]) => ids.map((id) => ({ subject: `tb.v1.${id}.>`, to: [accountOf(service)] }))),
        { subject: deadLetterSubject(AGENCY_RELAY_NAME), to: agencies.map(([service]) => accountOf(service)) },
        ...consumerApi.map((subject) => ({ subject, to: hub })),
        { subject: `$JS.API.STREAM.INFO.${EVENTS_STREAM}`, to: hub },
        { subject: `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.${LIAISON_DURABLE}.>`, to: hub },
        { subject: `$JS.API.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${LIAISON_DURABLE}`, to: hub, stream: true },
        { subject: `$JS.ACK.${EVENTS_STREAM}.${LIAISON_DURABLE}.>`, to: hub },
        { subject: deadLetterSubject(LIAISON_DURABLE), to: hub },
      ],
    ],
    [accountOf('liaison'), [{ subject: rpcSubjects.serialCheck, to: askers(rpcSubjects.serialCheck) }]],
    ...agencies.map(([service, ids]): [string, Export[]] => [
      accountOf(service),
      ids.flatMap((id) => AGENCY_RPCS[service].answers.map((rpc) => ({ subject: `tb.rpc.${id}.${rpc}`, to: hub }))),
    ]),
  ]);
}

/** JetStream API subjects are imported under the hub's own prefix (see HUB_JS_API_PREFIX). */
const localName = (subject: string): string => (subject.startsWith('$JS.API.') ? `, to: ${JSON.stringify(subject.replace('$JS.API', HUB_JS_API_PREFIX))}` : '');

const list = (subjects: readonly string[]): string => `[${subjects.map((s) => JSON.stringify(s)).join(', ')}]`;

function userLine(id: NatsIdentity, cred: NatsCredential): string {
  const p = id.permissions;
  const responses = p.allowResponses ? ', allow_responses: true' : '';
  return `{ nkey: "${cred.publicKey}", permissions: { publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} }${responses} } }`;
}

/** The nats-server `accounts` block: one account per identity, JetStream in the operator's only. */
export function renderNatsAccounts(identities: readonly NatsIdentity[], credentials: readonly NatsCredential[], hosted: Record<AgencyIdentityName, readonly string[]>): string {
  const exported = exportsOf(hosted);
  const accounts = identities.map((id) => {
    const cred = credentials.find((c) => c.name === id.name);
    if (!cred) throw new Error(`no NATS credential for identity ${id.name}`);
    const name = accountOf(id.name);
    const exports = (exported.get(name) ?? []).map((e) => `{ service: ${JSON.stringify(e.subject)}, accounts: ${list(e.to)}${e.stream ? ', response: stream' : ''} }`);
    const imports = [...exported.entries()].flatMap(([from, es]) =>
      es.filter((e) => e.to.includes(name)).map((e) => `{ service: { account: ${from}, subject: ${JSON.stringify(e.subject)} }${localName(e.subject)} }`),
    );
    return [
      `  ${name}: {`,
      ...(name === JS_ACCOUNT ? ['    jetstream: enabled'] : []),
      `    users: [ ${userLine(id, cred)} ]`,
      `    exports: [\n      ${exports.join(',\n      ')}\n    ]`,
      `    imports: [\n      ${imports.join(',\n      ')}\n    ]`,
      '  }',
    ].join('\n');
  });
  return `accounts {\n${accounts.join('\n')}\n}\n`;
}
