/**
 * The generated default certificate: what a TLS entry point serves when no certificate matches
 * the requested name and no `tls.stores.default.defaultCertificate` is configured, as Traefik
 * serves its "TRAEFIK DEFAULT CERT". Self-signed (the `selfsigned` package), RSA 2048 so every
 * client can handshake, valid for a year, made once per process when TLS is first needed. The
 * package (and the X.509 libraries under it) loads only then: a Junction without TLS never pays
 * for it in memory.
 */

/** Common name of the generated default certificate (Traefik's is "TRAEFIK DEFAULT CERT"). */
export const DEFAULT_CERT_CN = 'JUNCTION DEFAULT CERT';

/** A PEM pair. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Generates the self-signed default certificate (see module comment). */
export async function generateDefaultCertificate(commonName = DEFAULT_CERT_CN): Promise<PemPair> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000);
  // A CommonJS package: bundled into a chunk of its own (`tsup.config.ts`), it is only that
  // chunk's default export (Node's own import also gives the named exports).
  const imported = (await import('selfsigned')) as typeof import('selfsigned') & {
    default?: typeof import('selfsigned');
  };
  const { generate } = imported.default ?? imported;
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    // Traefik's default certificate carries no SAN; a SAN equal to the CN would make it look like a real name.
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
