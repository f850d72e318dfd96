/**
 * Answering ACME challenges. HTTP-01 (RFC 8555 §8.3): key authorizations kept in memory by token,
 * served by the `GET /.well-known/acme-challenge/:token` route that `registerHttpChallengeRoute`
 * adds to the resolver's `httpChallenge.entryPoint` (a static Fastify route: it wins over the
 * proxy's catch-all and over the web → websecure redirect, as Traefik's challenge router does).
 * TLS-ALPN-01 (RFC 8737): a self-signed certificate carrying the key authorization, put into the
 * certificate store for `acme-tls/1` handshakes on the domain.
 */
import type { FastifyInstance } from 'fastify';
import type { CertificateStore, HttpChallengeTokens } from '../tls/types';

/** The pending HTTP-01 key authorizations of every resolver. */
export class HttpChallengeTokenMap implements HttpChallengeTokens {
  readonly #tokens = new Map<string, string>();

  get(token: string): string | undefined {
    return this.#tokens.get(token);
  }

  set(token: string, keyAuthorization: string): void {
    this.#tokens.set(token, keyAuthorization);
  }

  delete(token: string): void {
    this.#tokens.delete(token);
  }
}

/** Where HTTP-01 challenge tokens are served (RFC 8555 §8.3). */
export const HTTP_CHALLENGE_PREFIX = '/.well-known/acme-challenge/';

/** The route on an entry point that answers HTTP-01 challenges (404 for an unknown token). */
export function registerHttpChallengeRoute(app: FastifyInstance, tokens: HttpChallengeTokens): void {
  app.get<{ Params: { token: string } }>(`${HTTP_CHALLENGE_PREFIX}:token`, async (request, reply) => {
    const value = tokens.get(request.params.token);
    if (value === undefined) {
      return reply
        .code(404)
        .type('application/json')
        .send({ error: 'no pending ACME challenge for this token', code: 'LB_ACME_UNKNOWN_TOKEN' });
    }
    return reply.code(200).type('text/plain').send(value);
  });
}

/** A challenge as acme-client hands it over (only the fields used here). */
export interface ChallengeRef {
  readonly type: string;
  readonly token: string;
}

/** The `challengeCreateFn`/`challengeRemoveFn` pair for one resolver. */
export interface ChallengeHandlers {
  create(
    domain: string,
    challenge: ChallengeRef,
    keyAuthorization: string,
    alpn?: { certPem: string; keyPem: string },
  ): void;
  remove(domain: string, challenge: ChallengeRef): void;
}

/** Handlers that put HTTP-01 tokens into `tokens` and TLS-ALPN-01 certificates into `store`. */
export function challengeHandlers(tokens: HttpChallengeTokenMap, store: CertificateStore): ChallengeHandlers {
  return {
    create(domain, challenge, keyAuthorization, alpn) {
      if (challenge.type === 'http-01') tokens.set(challenge.token, keyAuthorization);
      else if (challenge.type === 'tls-alpn-01' && alpn !== undefined)
        store.setAlpnChallenge(domain, alpn.certPem, alpn.keyPem);
      else throw new Error(`challenge type ${challenge.type} is not served by this resolver`);
    },
    remove(domain, challenge) {
      if (challenge.type === 'http-01') tokens.delete(challenge.token);
      else if (challenge.type === 'tls-alpn-01') store.clearAlpnChallenge(domain);
    },
  };
}
