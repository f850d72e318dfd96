/**
 * Option table section: ACME certificate resolvers (`certificatesResolvers.<name>.acme.*`).
 */

import { ACME_KEY_TYPES, LETS_ENCRYPT_PRODUCTION, type OptionSpec } from './option-spec';

/** Options of `certificatesResolvers.<name>.acme`, in `--help` order. */
export const ACME_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'certificatesResolvers.<name>.acme',
    kind: 'section',
    description:
      "ACME certificate resolver <name> (Let's Encrypt or any RFC 8555 CA): routers naming it get certificates for their domains, obtained and renewed automatically.",
  },
  { key: 'certificatesResolvers.<name>.acme.email', kind: 'string', description: 'Email address of the ACME account.' },
  {
    key: 'certificatesResolvers.<name>.acme.storage',
    kind: 'string',
    default: 'acme.json',
    description:
      "File keeping the account and certificates (Traefik's acme.json format, written with mode 0600; an existing one is reused).",
  },
  {
    key: 'certificatesResolvers.<name>.acme.caServer',
    kind: 'string',
    default: LETS_ENCRYPT_PRODUCTION,
    description:
      "ACME directory URL (Let's Encrypt staging: https://acme-staging-v02.api.letsencrypt.org/directory). A private CA is trusted through LEGO_CA_CERTIFICATES or NODE_EXTRA_CA_CERTS.",
  },
  {
    key: 'certificatesResolvers.<name>.acme.keyType',
    kind: 'enum',
    values: ACME_KEY_TYPES,
    default: 'EC256',
    description:
      "Key type of the certificates: EC256, EC384, RSA2048, RSA4096, RSA8192 (Junction default EC256; Traefik's is RSA4096).",
  },
  {
    key: 'certificatesResolvers.<name>.acme.httpChallenge',
    kind: 'section',
    description: 'Use the HTTP-01 challenge (needs .entryPoint, reachable on port 80).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.httpChallenge.entryPoint',
    kind: 'string',
    description: 'Entry point answering HTTP-01 challenges at /.well-known/acme-challenge/.',
  },
  {
    key: 'certificatesResolvers.<name>.acme.tlsChallenge',
    kind: 'section',
    default: 'false',
    description: 'Use the TLS-ALPN-01 challenge (answered on the TLS entry points, port 443).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.certificatesDuration',
    kind: 'integer',
    default: '2160',
    description: 'Lifetime of the certificates the CA issues, in hours (Traefik; 2160 = 90 days).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.renewBefore',
    kind: 'duration',
    default: '720h',
    description: '(Junction) Renew a certificate this long before it expires (default 30 days).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.eab.kid',
    kind: 'string',
    description: 'External account binding key identifier (CAs that require one).',
  },
  {
    key: 'certificatesResolvers.<name>.acme.eab.hmacEncoded',
    kind: 'string',
    description: 'External account binding HMAC key, base64url.',
  },
];
