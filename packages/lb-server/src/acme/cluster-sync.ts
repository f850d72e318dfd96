/**
 * ACME in a `--workers N` cluster: one worker orders, every worker serves. Worker 0 runs the ACME
 * manager (the only writer of `acme.json`, one account, one order per certificate) through a
 * certificate store and a token map that also broadcast every change on the cluster's `acme`
 * topic; the other workers apply those changes to their own store and token map, so whichever
 * worker the kernel hands the CA's validation connection to answers the HTTP-01 token or the
 * TLS-ALPN-01 certificate, and every worker serves issued certificates. The primary replays the
 * latest of each key to a worker started later. Worker 0 waits `CLUSTER_CHALLENGE_DELAY_MS` after
 * publishing a challenge before telling the CA, so the other workers have it.
 */
import type { BroadcastChannel } from '../cluster/member';
import type { CertificateInput, CertificateStore, PendingCertificate } from '../tls/types';
import { HttpChallengeTokenMap } from './challenges';

/** How long worker 0 waits after publishing a challenge (IPC to the primary and on to every worker). */
export const CLUSTER_CHALLENGE_DELAY_MS = 250;

/** The store and tokens the manager of worker 0 writes through (changes applied here and broadcast). */
export interface AcmeBroadcast {
  readonly certificates: CertificateStore;
  readonly tokens: HttpChallengeTokenMap;
}

/** Worker 0: wraps `store` and `tokens` so every ACME change is also broadcast to the other workers. */
export function broadcastingAcme(
  channel: BroadcastChannel,
  store: CertificateStore,
  tokens: HttpChallengeTokenMap,
): AcmeBroadcast {
  const certificates: CertificateStore = {
    replace(owner, inputs) {
      channel.broadcast('acme', `replace:${owner}`, inputs.length === 0 ? null : inputs);
      return store.replace(owner, inputs);
    },
    setPending(owner, pending) {
      channel.broadcast('acme', `pending:${owner}`, pending.length === 0 ? null : pending);
      store.setPending(owner, pending);
    },
    setAlpnChallenge(domain, certPem, keyPem) {
      channel.broadcast('acme', `alpn:${domain}`, { certPem, keyPem });
      store.setAlpnChallenge(domain, certPem, keyPem);
    },
    clearAlpnChallenge(domain) {
      channel.broadcast('acme', `alpn:${domain}`, null);
      store.clearAlpnChallenge(domain);
    },
    list: () => store.list(),
    contextFor: (name, storeName, strict) => store.contextFor(name, storeName, strict),
    alpnChallengeFor: (domain) => store.alpnChallengeFor(domain),
    onChange: (listener) => store.onChange(listener),
  };
  const wrapped = new (class extends HttpChallengeTokenMap {
    override set(token: string, keyAuthorization: string): void {
      channel.broadcast('acme', `http:${token}`, keyAuthorization);
      tokens.set(token, keyAuthorization);
    }

    override delete(token: string): void {
      channel.broadcast('acme', `http:${token}`, null);
      tokens.delete(token);
    }

    override get(token: string): string | undefined {
      return tokens.get(token);
    }
  })();
  return { certificates, tokens: wrapped };
}

/** Other workers: applies worker 0's ACME changes to this worker's store and tokens. */
export function followAcme(channel: BroadcastChannel, store: CertificateStore, tokens: HttpChallengeTokenMap): void {
  channel.on('acme', (key, data) => {
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const name = key.slice(colon + 1);
    switch (kind) {
      case 'replace':
        store.replace(name, (data ?? []) as CertificateInput[]);
        return;
      case 'pending':
        store.setPending(name, (data ?? []) as PendingCertificate[]);
        return;
      case 'alpn': {
        const pair = data as { certPem: string; keyPem: string } | null;
        if (pair === null) store.clearAlpnChallenge(name);
        else store.setAlpnChallenge(name, pair.certPem, pair.keyPem);
        return;
      }
      case 'http':
        if (typeof data === 'string') tokens.set(name, data);
        else tokens.delete(name);
        return;
      default:
    }
  });
}
