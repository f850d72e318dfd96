/**
 * Traefik's file provider: dynamic configuration from one file (`filename`) or from every
 * `*.yml|*.yaml|*.toml` in a directory tree (`directory`, merged). On each change it re-reads all of
 * it (level-triggered, debounced). A file that does not parse is logged with file, line and column,
 * shown in `status()`, and produces NO snapshot, so the last good configuration keeps serving;
 * so does a file whose skeleton is wrong (lb-core `checkStructure`: `http.routers: 5`, `http: []`,
 * an unknown section, a router that is not a map), reported with file, key path and line. In a
 * directory, one such file holds back the whole directory's update, as in Traefik. Element-level
 * problems come from the injected `validate` and travel with the snapshot, located in the file
 * where possible.
 */
import { basename, dirname, resolve } from 'node:path';
import { checkStructure, isStructuralError } from '@junction/lb-core';
import type { ConfigErrorLike, EmitConfig, Provider, ProviderFailure, ProviderStatus } from '../provider';
import {
  silentLogger,
  type FileProviderSettings,
  type LoggerLike,
  type ValidateConfig,
} from './file-provider-settings';
import { locateError, stripUndefined, structureMessage } from './locate-error';
import { mergeParsedFiles } from './merge-files';
import { parseDynamicFile, type ParsedFile } from './parse-dynamic';
import { readConfigTexts } from './read-config-files';
import { watchDirectory } from './watch-directory';

export type { ValidationErrorLike } from './locate-error';
export type { FileProviderSettings, LoggerLike, ValidateConfig } from './file-provider-settings';

/** The file provider (see module comment). */
export class FileProvider<C = unknown> implements Provider<C> {
  readonly name: string;
  readonly #settings: FileProviderSettings<C>;
  readonly #log: LoggerLike;
  readonly #now: () => number;
  #state: ProviderStatus['state'] = 'connecting';
  #lastUpdate: number | undefined;
  #lastError: ProviderFailure | undefined;
  #files: string[] = [];
  #lastSignature: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #reads = 0;
  #watchFailing = false;

  constructor(settings: FileProviderSettings<C>) {
    if ((settings.filename === undefined) === (settings.directory === undefined)) {
      throw new TypeError('FileProvider needs exactly one of filename and directory');
    }
    this.name = settings.name ?? 'file';
    this.#settings = settings;
    this.#log = settings.logger ?? silentLogger;
    this.#now = settings.now ?? Date.now;
  }

  /** Reads once and emits; then, unless `watch` is false, watches until `signal` aborts. */
  async start(emit: EmitConfig<C>, signal: AbortSignal): Promise<void> {
    await this.#reload(emit);
    if (this.#settings.watch === false || signal.aborted) return;
    const { filename, directory } = this.#settings;
    const target = filename === undefined ? undefined : basename(filename);
    signal.addEventListener('abort', () => clearTimeout(this.#timer), { once: true });
    await watchDirectory({
      directory: resolve(directory ?? dirname(filename ?? '.')),
      recursive: directory !== undefined,
      // Kubernetes-style mounts swap a `..data` symlink; count that as a change of the file.
      relevant: (entry) => directory !== undefined || entry === null || entry === target || entry.startsWith('..'),
      onChange: () => {
        this.#watchFailing = false;
        this.#schedule(emit, signal);
      },
      onError: (error) => {
        if (!this.#watchFailing)
          this.#log.warn({ provider: this.name, err: error.message }, 'file watch lost, re-arming');
        this.#watchFailing = true;
      },
      signal,
      pollIntervalMs: this.#settings.pollIntervalMs ?? 0,
    });
  }

  /** Current health, for the API. */
  status(): ProviderStatus {
    const { filename, directory, watch } = this.#settings;
    return {
      state: this.#state,
      lastUpdate: this.#lastUpdate,
      lastError: this.#lastError,
      details: {
        ...(filename === undefined ? { directory } : { filename }),
        files: [...this.#files],
        watch: watch !== false,
        reads: this.#reads,
      },
    };
  }

  #schedule(emit: EmitConfig<C>, signal: AbortSignal): void {
    if (signal.aborted) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reload(emit), this.#settings.debounceMs ?? 50);
  }

  /** Runs one read at a time; a change during a read triggers exactly one more. */
  async #reload(emit: EmitConfig<C>): Promise<void> {
    if (this.#reading !== undefined) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        await this.#readOnce(emit);
      } while (this.#again);
    })().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async #readOnce(emit: EmitConfig<C>): Promise<void> {
    let texts: { file: string; text: string }[];
    try {
      texts = await readConfigTexts(this.#settings);
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      this.#lastSignature = undefined;
      this.#fail({
        message: `cannot read: ${err.code ?? err.message}`,
        file: err.path ?? this.#settings.filename ?? this.#settings.directory,
      });
      return;
    }
    this.#reads += 1;
    const signature = JSON.stringify(texts);
    if (signature === this.#lastSignature) return;
    this.#lastSignature = signature;
    this.#files = texts.map((t) => t.file);

    const parsed: ParsedFile[] = [];
    for (const { file, text } of texts) {
      const outcome = parseDynamicFile(file, text);
      if (!outcome.ok) {
        const { error } = outcome;
        this.#fail({ message: error.message, file: error.file, line: error.line, column: error.column });
        return;
      }
      parsed.push(outcome.parsed);
    }
    // Checked per file, before merging: a wrong `http.routers` in one file must not be taken for
    // a duplicate of another file's, and the error names the file that has it.
    const structural = parsed.flatMap((file) =>
      checkStructure(file.tree).map((e) => locateError(e, [file], new Map())),
    );
    if (structural.length > 0) {
      this.#refuse(structural);
      return;
    }
    const merged = mergeParsedFiles(parsed);
    let result: ReturnType<ValidateConfig<C>>;
    try {
      result = this.#settings.validate(merged.tree);
    } catch (error) {
      this.#fail({ message: `validation failed: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const errors = [...merged.errors, ...result.errors.map((e) => locateError(e, parsed, merged.owners))];
    const refused = errors.filter(isStructuralError);
    if (refused.length > 0) {
      this.#refuse(refused);
      return;
    }
    for (const e of errors) this.#log.warn({ provider: this.name, ...e }, 'configuration element rejected');
    this.#state = 'ok';
    this.#lastError = undefined;
    this.#lastUpdate = this.#now();
    this.#log.debug({ provider: this.name, files: this.#files }, 'configuration read');
    emit({ provider: this.name, config: result.config, errors });
  }

  /**
   * A structurally wrong configuration: like a file that does not parse, it produces no snapshot.
   * The failure is the first error, its message led by the key path; the log names every one.
   */
  #refuse(errors: readonly ConfigErrorLike[]): void {
    const [first, ...rest] = errors;
    if (first === undefined) return;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((e) => e.path ?? '?').join(', ')})`;
    this.#fail({ ...first, message: `${structureMessage(first)}${more}` });
    for (const e of rest)
      this.#log.error({ provider: this.name, ...e }, `configuration not loaded: ${structureMessage(e)}`);
  }

  #fail(failure: Omit<ProviderFailure, 'at'>): void {
    this.#state = 'error';
    this.#lastError = { ...stripUndefined(failure), at: this.#now() };
    const kept =
      this.#lastUpdate === undefined
        ? 'nothing served from this provider until it is fixed'
        : 'keeping the last good one';
    this.#log.error(
      { provider: this.name, ...this.#lastError },
      `configuration not loaded, ${kept}: ${failure.message}`,
    );
  }
}
