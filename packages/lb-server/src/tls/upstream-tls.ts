/**
 * How Junction checks the certificates of `https://` servers: Traefik's static
 * `serversTransport.insecureSkipVerify` and `serversTransport.rootCAs`, applied to every
 * connection to a server — forwarded requests, active health checks and WebSocket upgrades alike.
 *
 * - `insecureSkipVerify`: no check at all (a backend with a self-signed certificate).
 * - `rootCAs`: when any are listed, they are the only CAs a server's certificate may chain to, as
 *   in Traefik (its pool starts empty; the system's CAs and `NODE_EXTRA_CA_CERTS` do not count).
 *   Each entry is a PEM file or PEM text (Traefik's "file or content"). They are read once at
 *   start, and an entry that cannot be read or holds no certificate stops Junction with a message
 *   naming it: Traefik logs such an entry and carries on, with every server then failing its
 *   checks for a reason the log shows only once.
 */
import { X509Certificate } from 'node:crypto';

/** The TLS options of connections to servers (none: Node's defaults, the system's CAs). */
export interface UpstreamTls {
  readonly rejectUnauthorized: boolean;
  /** The CAs servers' certificates must chain to, PEM (undefined: the system's). */
  readonly ca?: readonly string[];
}

/** `tls` as options of Node's `tls.connect` (none: nothing to add). */
export function connectOptions(tls: UpstreamTls | undefined): { rejectUnauthorized?: boolean; ca?: string[] } {
  if (tls === undefined) return {};
  return { rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca === undefined ? {} : { ca: [...tls.ca] }) };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * The upstream TLS options for `serversTransport` (undefined when it sets nothing), reading
 * `rootCAs` files with `read`. Throws an Error naming the option and entry it cannot use.
 */
export function upstreamTls(
  options: { readonly insecureSkipVerify: boolean; readonly rootCAs: readonly string[] },
  read: (path: string) => string,
): UpstreamTls | undefined {
  if (!options.insecureSkipVerify && options.rootCAs.length === 0) return undefined;
  const ca: string[] = [];
  options.rootCAs.forEach((entry, index) => {
    const name = `serversTransport.rootCAs[${index}]`;
    let text = entry;
    if (!entry.includes('-----BEGIN')) {
      try {
        text = read(entry);
      } catch (error) {
        throw new Error(`${name}: cannot read ${entry}: ${(error as Error).message}`);
      }
    }
    const found = text.match(PEM_CERTIFICATE) ?? [];
    for (const pem of found) {
      try {
        new X509Certificate(pem);
      } catch (error) {
        throw new Error(
          `${name}: ${entry === text ? 'the PEM text' : entry} holds an invalid certificate: ${(error as Error).message}`,
        );
      }
    }
    if (found.length === 0)
      throw new Error(`${name}: ${entry === text ? 'the PEM text' : entry} holds no PEM certificate`);
    ca.push(...found);
  });
  return { rejectUnauthorized: !options.insecureSkipVerify, ...(ca.length === 0 ? {} : { ca }) };
}
