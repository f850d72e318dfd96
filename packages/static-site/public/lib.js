/**
 * Pure helpers of the demo page: colours per server id, a short history, summaries and
 * response parsing. No DOM access here, so Node tests can import this module as is.
 */

/**
 * @typedef {{ id: number, setup: string, punchline: string }} Joke
 * @typedef {{ id: string, hostname: string }} ApiServer
 * @typedef {{ server: ApiServer, joke: Joke }} JokeAnswer
 */

/** Ten colours that stay distinct from each other on both light and dark backgrounds. */
export const PALETTE = Object.freeze([
  '#3b82f6',
  '#f97316',
  '#10b981',
  '#e11d48',
  '#8b5cf6',
  '#eab308',
  '#06b6d4',
  '#db2777',
  '#84cc16',
  '#64748b',
]);

/**
 * FNV-1a (32-bit) hash of a string: a cheap, stable spread used for colours past the palette.
 * @param {string} text
 * @returns {number}
 */
export function hashString(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Gives each id a number and a colour the first time it is seen: #1, #2, … and the palette
 * in order (so the first ten ids are guaranteed distinct), then hues from the id's hash.
 */
export class ColorBook {
  /** @type {Map<string, number>} */
  #order = new Map();

  /**
   * @param {string} id
   * @returns {number} 1 for the first id seen, 2 for the next new one, …
   */
  numberOf(id) {
    let index = this.#order.get(id);
    if (index === undefined) {
      index = this.#order.size;
      this.#order.set(id, index);
    }
    return index + 1;
  }

  /**
   * @param {string} id
   * @returns {string} a CSS colour
   */
  colorOf(id) {
    return PALETTE[this.numberOf(id) - 1] ?? `hsl(${hashString(id) % 360} 70% 50%)`;
  }
}

/**
 * The newest `capacity` entries, newest first.
 * @template T
 */
export class History {
  /** @type {T[]} */
  #items = [];
  /** @type {number} */
  #capacity;

  /** @param {number} [capacity] */
  constructor(capacity = 10) {
    this.#capacity = Math.max(1, capacity);
  }

  /** @param {T} item */
  push(item) {
    this.#items.unshift(item);
    this.#items.length = Math.min(this.#items.length, this.#capacity);
  }

  /** @returns {readonly T[]} newest first */
  get items() {
    return [...this.#items];
  }
}

/**
 * First block of a uuid (or the first 8 characters of any other id), for compact labels.
 * @param {string} id
 * @returns {string}
 */
export function shortId(id) {
  const head = id.split('-')[0] ?? id;
  return head.length > 0 && head.length <= 12 ? head : id.slice(0, 8);
}

/**
 * One line about the API rotation, from the ids of the latest answers.
 * @param {readonly string[]} ids
 * @returns {string}
 */
export function summarizeRotation(ids) {
  if (ids.length === 0) return 'Waiting for the first answer…';
  const distinct = new Set(ids).size;
  const servers = distinct === 1 ? '1 server' : `${distinct} servers`;
  const answers = ids.length === 1 ? 'the last answer' : `the last ${ids.length} answers`;
  return `${servers} in ${answers}`;
}

/**
 * One line about static-side stickiness, from the node names of the latest checks.
 * @param {readonly string[]} nodes
 * @returns {string}
 */
export function summarizeStickiness(nodes) {
  if (nodes.length === 0) return 'Waiting for the first check…';
  if (nodes.length === 1) return 'First check done';
  const distinct = new Set(nodes).size;
  return distinct === 1
    ? `Sticky: the same node answered all ${nodes.length} checks`
    : `Not sticky: ${distinct} nodes answered the last ${nodes.length} checks`;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null;
}

/**
 * Validates a jokes API body (`{ server: { id, hostname }, jokes: [joke, …] }`) and returns
 * the server and the first joke. Throws a `TypeError` on any other shape, e.g. an error body.
 * @param {unknown} body
 * @returns {JokeAnswer}
 */
export function parseJokes(body) {
  const server = isRecord(body) ? body['server'] : undefined;
  const jokes = isRecord(body) ? body['jokes'] : undefined;
  const joke = Array.isArray(jokes) ? /** @type {unknown} */ (jokes[0]) : undefined;
  if (!isRecord(server) || typeof server['id'] !== 'string' || server['id'] === '') {
    throw new TypeError('The API answer names no server');
  }
  if (
    !isRecord(joke) ||
    typeof joke['id'] !== 'number' ||
    typeof joke['setup'] !== 'string' ||
    typeof joke['punchline'] !== 'string'
  ) {
    throw new TypeError('The API answer holds no joke');
  }
  return {
    server: { id: server['id'], hostname: typeof server['hostname'] === 'string' ? server['hostname'] : '' },
    joke: { id: joke['id'], setup: joke['setup'], punchline: joke['punchline'] },
  };
}

/**
 * Validates a `/node.json` body (`{ node }`) and returns the node name.
 * @param {unknown} body
 * @returns {string}
 */
export function parseNode(body) {
  const node = isRecord(body) ? body['node'] : undefined;
  if (typeof node !== 'string' || node === '') throw new TypeError('node.json names no node');
  return node;
}
