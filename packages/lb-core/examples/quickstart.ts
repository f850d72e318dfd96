/**
 * lb-core in one page: parse the lab's Traefik rules (v1 and v3), compile them into a route
 * table, route requests, apply the router's path rewrite, and pick servers with smooth weighted
 * round-robin and with sticky sessions. Run it: `npx tsx --conditions=junction-source examples/quickstart.ts`.
 */
import { applyPathModifiers, compileRoutes, createBalancer, withSticky, type RequestFacts } from '@junction/lb-core';

/** Runs the walk-through and returns what it printed, line by line. */
export function quickstart(print: (line: string) => void = console.log): void {
  // 1. Routers with the lab's labels: a v1 rule and a v3 rule, in one table.
  const { table, errors } = compileRoutes([
    { name: 'static', rule: 'Host:demo.res.ch', data: 'static' },
    { name: 'jokes', rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/', data: 'jokes' },
    { name: 'admin', rule: 'Host(`demo.res.ch`) && PathPrefix(`/admin`) && !ClientIP(`10.0.0.0/8`)', data: 'admin' },
    { name: 'broken', rule: 'Host(`demo.res.ch`', data: 'none' },
  ]);
  for (const { name, error } of errors) print(`router ${name} disabled: ${error.message}`);

  // 2. Route a request: the longest (highest-priority) matching rule wins.
  const facts: RequestFacts = {
    method: 'GET',
    host: 'DEMO.res.ch:80',
    path: '/api/jokes/42',
    query: '',
    headers: {},
    clientIp: '192.0.2.7',
  };
  const route = table.match(facts, 'web');
  if (route === undefined) throw new Error('no route');
  const rewrite = applyPathModifiers(facts.path, route.modifiers);
  print(
    `${facts.host}${facts.path} → router ${route.name} (priority ${route.priority}), upstream path ${rewrite.path}, headers ${JSON.stringify(rewrite.headers)}`,
  );

  // 3. Pick servers: smooth weighted round-robin (nginx) with weights 5, 1, 1.
  const weighted = createBalancer('weighted', [
    { id: 'a', url: 'http://10.0.0.1:3000', weight: 5 },
    { id: 'b', url: 'http://10.0.0.2:3000', weight: 1 },
    { id: 'c', url: 'http://10.0.0.3:3000', weight: 1 },
  ]);
  print(`weighted 5,1,1: ${Array.from({ length: 7 }, () => weighted.pick()?.id).join(' ')}`);

  // 4. Sticky sessions over round-robin: the first pick sets a cookie, the cookie pins the client.
  const sticky = withSticky(
    createBalancer('round-robin', [
      { id: 'static-1', url: 'http://10.0.1.1:8080' },
      { id: 'static-2', url: 'http://10.0.1.2:8080' },
    ]),
    { serviceName: 'static', httpOnly: true, secret: '00112233445566778899aabbccddeeff' },
  );
  const first = sticky.pickSticky();
  print(`sticky first pick: ${first?.server.id}, Set-Cookie: ${first?.setCookie}`);
  const cookieValue = first?.setCookie?.split(';')[0]?.split('=')[1];
  const again = Array.from(
    { length: 5 },
    () => sticky.pickSticky({ cookie: (name) => (name === sticky.cookieName ? cookieValue : undefined) })?.server.id,
  );
  print(`with the cookie: ${again.join(' ')}`);
  sticky.setHealthy(first?.server.id ?? '', false);
  const repinned = sticky.pickSticky({ cookie: () => cookieValue });
  print(`pinned server down → ${repinned?.server.id}, cookie re-issued: ${repinned?.setCookie !== undefined}`);
}

if (import.meta.url === `file://${process.argv[1]}`) quickstart();
