/**
 * Fastify's own schema compilers, loaded the first time a route's validator or serializer RUNS
 * rather than when an instance is created (issue #12, idle memory). Fastify's default schema
 * controller `require`s `@fastify/ajv-compiler` (Ajv and ajv-formats, ≈ 160 files) and
 * `@fastify/fast-json-stringify-compiler` in `fastify()`, and compiles every route schema at
 * `ready()`; Junction's schemas (API querystrings and names, the dashboard's action bodies) only
 * matter when such a request comes, which an idle proxy never sees.
 *
 * Pass `schemaController: { compilersFactory: lazySchemaCompilers() }` to `fastify()`, one factory
 * per instance (as Fastify makes one compiler pool per instance). The compilers Fastify would have
 * built are built later from the same arguments (the external schemas and the `ajv` /
 * `serializerOpts` server options), so validation, coercion and error messages are Fastify's:
 * - A validator follows Fastify's contract (`lib/validation.js`): it returns Ajv's result and
 *   exposes Ajv's `.errors`; `schemaEnv`, which Fastify reads before each call to pass the parent
 *   object (so Ajv can coerce a root value), is Ajv's, read from the compiled function.
 * - A schema is compiled on its first use, so a malformed one fails that request (500) instead of
 *   `ready()`. Schemas that would fail are a bug either way; Junction's are constants.
 * - `headers` schemas are refused at `ready()`: Fastify lowercases their property names only for
 *   its default compiler, never for a `compilersFactory`, so accepting them would change behaviour.
 *
 * Each package is required with a literal `require` first, which the bundles (`dist/` and the
 * images) turn into a `require` of the compiler's own file beside their chunks
 * (`schemaCompilerFiles`, `docker/scripts/bundle-parts.mjs`); the sources run as ES modules have
 * no `require` there, so the package is then resolved from Fastify's folder, as Fastify finds it.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** What Fastify passes a compiler for one schema of one route. */
interface RouteSchemaDefinition {
  readonly schema: unknown;
  readonly httpPart?: string;
}

/** An Ajv validate function, as far as Fastify uses it. */
type Validate = ((this: unknown, ...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serialize = (data: unknown) => string;
/** A compiler factory's signature: (external schemas, options) → a compiler of one route schema. */
type BuildCompiler<F> = (externalSchemas: unknown, options: unknown) => (route: RouteSchemaDefinition) => F;
/** What both packages export: a function returning a fresh compiler pool. */
type Selector<F> = () => BuildCompiler<F>;

/** Requires one of Fastify's own dependencies as Fastify does: resolved from Fastify's folder. */
function fromFastify(name: string): unknown {
  return createRequire(createRequire(import.meta.url).resolve('fastify'))(name);
}

/* eslint-disable @typescript-eslint/no-require-imports -- a literal require is what a bundler inlines (module comment) */
function loadAjvCompiler(): Selector<Validate> {
  try {
    return require('@fastify/ajv-compiler') as Selector<Validate>;
  } catch {
    return fromFastify('@fastify/ajv-compiler') as Selector<Validate>;
  }
}

function loadSerializerCompiler(): Selector<Serialize> {
  try {
    return require('@fastify/fast-json-stringify-compiler') as Selector<Serialize>;
  } catch {
    return fromFastify('@fastify/fast-json-stringify-compiler') as Selector<Serialize>;
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** A validator that compiles `compile()` on its first call and is that function from then on. */
function lazyValidator(compile: () => Validate): Validate {
  let real: Validate | undefined;
  const get = (): Validate => (real ??= compile());
  const validate = function (this: unknown, ...args: unknown[]): unknown {
    return get().apply(this, args);
  } as Validate;
  Object.defineProperties(validate, {
    schemaEnv: { get: () => get().schemaEnv },
    errors: { get: () => real?.errors },
  });
  return validate;
}

/** A serializer that compiles `compile()` on its first call. */
function lazySerializer(compile: () => Serialize): Serialize {
  let real: Serialize | undefined;
  return (data) => (real ??= compile())(data);
}

/**
 * One lazy compiler pool, built from `selector` when first needed; `buildX` is Fastify's
 * `compilersFactory.buildX`: called at `ready()` (setup), it loads nothing.
 */
function lazyFactory<F>(
  load: () => Selector<F>,
  wrap: (compile: () => F) => F,
  check: (route: RouteSchemaDefinition) => void,
): BuildCompiler<F> {
  let pool: BuildCompiler<F> | undefined;
  return (externalSchemas, options) => {
    let compiler: ((route: RouteSchemaDefinition) => F) | undefined;
    const compilerNow = () => (compiler ??= (pool ??= load()())(externalSchemas, options));
    return (route) => {
      check(route);
      return wrap(() => compilerNow()(route));
    };
  };
}

function refuseHeaders(route: RouteSchemaDefinition): void {
  if (route.httpPart === 'headers')
    throw new Error(
      'headers schemas need Fastify’s default compiler (it lowercases their names only for that one); lazy-schema-compilers.ts does not take them',
    );
}

/** Fastify's default compilers, loaded on first use (see module comment); one per Fastify instance. */
export function lazySchemaCompilers(): CompilersFactory {
  return {
    buildValidator: lazyFactory(loadAjvCompiler, lazyValidator, refuseHeaders),
    buildSerializer: lazyFactory(loadSerializerCompiler, lazySerializer, () => undefined),
  } as unknown as CompilersFactory;
}
