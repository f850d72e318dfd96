/**
 * Every container label name the Docker provider reads, in one place (Traefik v1.7
 * `provider/label/names.go`, v3 `pkg/provider/docker/shared_labels.go`). Names are lower-case:
 * label keys after `traefik.` are matched case-insensitively, as Traefik v2+ does, so
 * `traefik.frontend.passHostHeader` and `traefik.frontend.passhostheader` are the same label.
 * Docker Compose's own labels are in `containers/compose.ts`, shared with the dashboard.
 */

/** The prefix of every label the provider interprets. */
export const TRAEFIK_PREFIX = 'traefik.';

/** Provider-level labels shared by Traefik v1 and v2/v3. */
export const PROVIDER_LABELS = {
  enable: 'traefik.enable',
  network: 'traefik.docker.network',
} as const;

/** The prefix of provider labels (`traefik.docker.network`). */
export const DOCKER_LABEL_PREFIX = 'traefik.docker.';

/** Provider labels Traefik knows and Junction accepts without effect (Swarm-only settings). */
export const IGNORED_PROVIDER_LABELS: readonly string[] = ['traefik.docker.lbswarm', 'traefik.docker.allownonrunning'];

/** The top-level sections of v2/v3 labels (`traefik.http.routers.<r>.rule`). */
export const V2_SECTIONS = {
  http: 'traefik.http.',
  tcp: 'traefik.tcp.',
  udp: 'traefik.udp.',
  tls: 'traefik.tls.',
} as const;

/** The v2/v3 `loadbalancer.server.*` keys, which set the container's own server entry. */
export const V2_SERVER_KEYS = ['port', 'scheme', 'weight', 'url', 'preservepath'] as const;

/**
 * Traefik v1 container labels, as suffixes after `traefik.` (or after `traefik.<segment>.` for
 * {@link V1_SEGMENT_SUFFIXES}). The value says which part of the configuration each one sets.
 */
export const V1_LABELS = {
  backend: 'backend',
  port: 'port',
  protocol: 'protocol',
  weight: 'weight',
  frontendRule: 'frontend.rule',
  frontendPriority: 'frontend.priority',
  frontendEntryPoints: 'frontend.entrypoints',
  frontendPassHostHeader: 'frontend.passhostheader',
  authBasic: 'frontend.auth.basic',
  authBasicUsers: 'frontend.auth.basic.users',
  authBasicUsersFile: 'frontend.auth.basic.usersfile',
  authBasicRemoveHeader: 'frontend.auth.basic.removeheader',
  authHeaderField: 'frontend.auth.headerfield',
  whiteListSourceRange: 'frontend.whitelist.sourcerange',
  whitelistSourceRangeOld: 'frontend.whitelistsourcerange',
  lbMethod: 'backend.loadbalancer.method',
  lbSticky: 'backend.loadbalancer.sticky',
  lbStickiness: 'backend.loadbalancer.stickiness',
  lbStickinessCookieName: 'backend.loadbalancer.stickiness.cookiename',
  lbStickinessSecure: 'backend.loadbalancer.stickiness.secure',
  lbStickinessHttpOnly: 'backend.loadbalancer.stickiness.httponly',
  lbStickinessSameSite: 'backend.loadbalancer.stickiness.samesite',
  hcPath: 'backend.healthcheck.path',
  hcInterval: 'backend.healthcheck.interval',
  hcTimeout: 'backend.healthcheck.timeout',
  hcPort: 'backend.healthcheck.port',
  hcScheme: 'backend.healthcheck.scheme',
  hcHostname: 'backend.healthcheck.hostname',
  hcHeaders: 'backend.healthcheck.headers',
} as const;

/** v1 `traefik.frontend.headers.<name>` labels and the v2 `headers` middleware option each sets. */
export const V1_HEADER_LABELS: Readonly<
  Record<string, { readonly option: string; readonly kind: 'map' | 'list' | 'scalar' }>
> = {
  customrequestheaders: { option: 'customRequestHeaders', kind: 'map' },
  customresponseheaders: { option: 'customResponseHeaders', kind: 'map' },
  sslproxyheaders: { option: 'sslProxyHeaders', kind: 'map' },
  allowedhosts: { option: 'allowedHosts', kind: 'list' },
  hostsproxyheaders: { option: 'hostsProxyHeaders', kind: 'list' },
  stsseconds: { option: 'stsSeconds', kind: 'scalar' },
  stsincludesubdomains: { option: 'stsIncludeSubdomains', kind: 'scalar' },
  stspreload: { option: 'stsPreload', kind: 'scalar' },
  forcestsheader: { option: 'forceSTSHeader', kind: 'scalar' },
  framedeny: { option: 'frameDeny', kind: 'scalar' },
  customframeoptionsvalue: { option: 'customFrameOptionsValue', kind: 'scalar' },
  contenttypenosniff: { option: 'contentTypeNosniff', kind: 'scalar' },
  browserxssfilter: { option: 'browserXssFilter', kind: 'scalar' },
  custombrowserxssvalue: { option: 'customBrowserXSSValue', kind: 'scalar' },
  contentsecuritypolicy: { option: 'contentSecurityPolicy', kind: 'scalar' },
  publickey: { option: 'publicKey', kind: 'scalar' },
  referrerpolicy: { option: 'referrerPolicy', kind: 'scalar' },
  isdevelopment: { option: 'isDevelopment', kind: 'scalar' },
};

/** The prefix of v1 header labels, after `traefik.` or `traefik.<segment>.`. */
export const V1_HEADERS_PREFIX = 'frontend.headers.';

/**
 * v1 suffixes that may follow `traefik.<segment>.` (Traefik 1.7 segment labels): the server
 * settings and every frontend setting. Backend settings stay container-wide.
 */
export const V1_SEGMENT_SUFFIXES: readonly string[] = [
  V1_LABELS.backend,
  V1_LABELS.port,
  V1_LABELS.protocol,
  V1_LABELS.weight,
  ...Object.values(V1_LABELS).filter((suffix) => suffix.startsWith('frontend.')),
];

/**
 * Traefik 1.7 labels Junction does not implement. They are refused rather than ignored: silently
 * dropping, say, a forward-auth or redirect label would publish a route without the protection or
 * behaviour its author asked for.
 */
export const V1_UNSUPPORTED_PREFIXES: readonly string[] = [
  'domain',
  'tags',
  'portname',
  'portindex',
  'backend.id',
  'backend.circuitbreaker',
  'backend.maxconn',
  'backend.buffering',
  'backend.responseforwarding',
  'frontend.auth.digest',
  'frontend.auth.forward',
  'frontend.errors',
  'frontend.passsslclientcert',
  'frontend.passtlscert',
  'frontend.ratelimit',
  'frontend.redirect',
  'frontend.whitelist.usexforwardedfor',
  'frontend.headers.sslredirect',
  'frontend.headers.ssltemporaryredirect',
  'frontend.headers.sslhost',
  'frontend.headers.sslforcehost',
];

/** Every known v1 suffix (for "did you mean"). */
export function knownV1Suffixes(): string[] {
  return [...Object.values(V1_LABELS), ...Object.keys(V1_HEADER_LABELS).map((name) => V1_HEADERS_PREFIX + name)];
}
