/**
 * The demo page's behaviour: every few seconds, ask the jokes API for a joke and this site
 * for the node answering (`/node.json`), then show both with a colour per server, so
 * round-robin and stickiness are visible side by side. Failures show a message and the
 * polling goes on.
 */
import { ColorBook, History, parseJokes, parseNode, shortId, summarizeRotation, summarizeStickiness } from './lib.js';

const API_URL = '/api/jokes/?count=1';
const NODE_URL = '/node.json';
const POLL_MS = 4000;
const TIMEOUT_MS = 3000;

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function $(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

const apiColors = new ColorBook();
const nodeColors = new ColorBook();
/** @type {History<string>} */
const apiHistory = new History(10);
/** @type {History<string>} */
const nodeHistory = new History(10);
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
let paused = false;
let running = false;

/**
 * GETs JSON without caching, failing on non-2xx answers and after TIMEOUT_MS.
 * @param {string} url
 * @returns {Promise<unknown>}
 */
async function getJson(url) {
  const res = await fetch(url, {
    cache: 'no-store',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  return res.json();
}

/**
 * Restarts a CSS animation on `element` by toggling `className`.
 * @param {HTMLElement} element
 * @param {string} className
 */
function replay(element, className) {
  element.classList.remove(className);
  void element.offsetWidth; // force a reflow so the animation starts again
  element.classList.add(className);
}

/**
 * @param {string} state one of connecting | live | degraded | paused
 * @param {string} text
 */
function setStatus(state, text) {
  $('status').dataset['state'] = state;
  $('status-text').textContent = text;
}

/**
 * Renders a history as coloured, numbered chips, newest first (full id on hover).
 * @param {HTMLElement} list
 * @param {readonly string[]} ids
 * @param {ColorBook} book
 */
function renderHistory(list, ids, book) {
  list.replaceChildren(
    ...ids.map((id, index) => {
      const item = document.createElement('li');
      item.className = index === 0 ? 'chip chip--new' : 'chip';
      item.style.setProperty('--chip', book.colorOf(id));
      item.title = id;
      item.textContent = String(book.numberOf(id));
      return item;
    }),
  );
}

/**
 * Shows one server in a badge: its colour swatch, number and name.
 * @param {string} prefix element id prefix (`api` or `static`)
 * @param {string} id
 * @param {ColorBook} book
 */
function showBadge(prefix, id, book) {
  const swatch = $(`${prefix}-swatch`);
  swatch.style.setProperty('--chip', book.colorOf(id));
  swatch.textContent = String(book.numberOf(id));
  $(`${prefix}-id`).textContent = id;
  replay($(`${prefix}-badge`), 'badge--pulse');
}

/** @param {import('./lib.js').JokeAnswer} answer */
function showJoke({ server, joke }) {
  $('joke-setup').textContent = joke.setup;
  $('joke-punchline').textContent = joke.punchline;
  $('joke-meta').textContent =
    `joke #${joke.id} · told by server ${apiColors.numberOf(server.id)} (${shortId(server.id)})`;
  replay($('joke'), 'joke--enter');
  showBadge('api', server.id, apiColors);
  $('api-host').textContent = server.hostname || '—';
  apiHistory.push(server.id);
  renderHistory($('api-history'), apiHistory.items, apiColors);
  $('api-summary').textContent = summarizeRotation(apiHistory.items);
}

/** @param {string} message */
function showApiDown(message) {
  $('joke-setup').textContent = 'The jokes API is not answering right now.';
  $('joke-punchline').textContent = `${message} — trying again in ${POLL_MS / 1000} s.`;
  $('joke-meta').textContent = '\u00a0';
  $('api-id').textContent = 'unavailable';
  $('api-host').textContent = '—';
  $('api-swatch').style.removeProperty('--chip');
  $('api-swatch').textContent = '!';
  $('api-summary').textContent = 'No answer; still polling.';
}

/** @param {string} node */
function showNode(node) {
  if (nodeHistory.items.length === 0) $('static-first').textContent = node;
  showBadge('static', node, nodeColors);
  $('footer-node').textContent = node;
  nodeHistory.push(node);
  renderHistory($('static-history'), nodeHistory.items, nodeColors);
  $('static-summary').textContent = summarizeStickiness(nodeHistory.items);
}

/** One poll: both requests in parallel, each rendered on its own. */
async function tick() {
  if (running) return;
  running = true;
  clearTimeout(timer);
  const [api, node] = await Promise.allSettled([getJson(API_URL).then(parseJokes), getJson(NODE_URL).then(parseNode)]);
  running = false;

  if (api.status === 'fulfilled') showJoke(api.value);
  else showApiDown(api.reason instanceof Error ? api.reason.message : String(api.reason));
  if (node.status === 'fulfilled') showNode(node.value);
  else $('static-summary').textContent = 'This site did not answer /node.json; still polling.';

  if (!paused) {
    const ok = api.status === 'fulfilled' && node.status === 'fulfilled';
    setStatus(ok ? 'live' : 'degraded', ok ? `Live · every ${POLL_MS / 1000} s` : 'Degraded · retrying');
  }
  schedule();
}

/** Arms the next poll unless paused or hidden, and restarts the progress bar. */
function schedule() {
  clearTimeout(timer);
  if (paused || document.hidden) return;
  timer = setTimeout(() => void tick(), POLL_MS);
  const bar = $('progress');
  bar.style.setProperty('--poll', `${POLL_MS}ms`);
  replay(bar, 'progress--run');
}

function togglePause() {
  paused = !paused;
  const button = $('toggle');
  button.textContent = paused ? 'Resume' : 'Pause';
  button.setAttribute('aria-pressed', String(paused));
  $('progress').classList.remove('progress--run');
  if (paused) {
    clearTimeout(timer);
    setStatus('paused', 'Paused');
  } else {
    void tick();
  }
}

$('next').addEventListener('click', () => void tick());
$('toggle').addEventListener('click', togglePause);
document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(timer);
  else if (!paused) void tick();
});
void tick();
