/**
 * The browser side of the actions API: remembers the sign-in for this tab (sessionStorage, never
 * a cookie, so other sites cannot ride on it), sends JSON actions with it, and turns error
 * answers into messages. A 401 opens the sign-in form.
 */
import { createStore } from './store';

const KEY = 'junction.authorization';

/** The signed-in user, if any (`Authorization` value and display name). */
export const session = createStore<{ header: string; user: string } | undefined>(readSession());
/** Whether the sign-in form is open, and the action waiting for it. */
export const signInOpen = createStore<boolean>(false);
/** Short messages shown at the bottom of the page. */
export const toasts = createStore<{ id: number; kind: 'ok' | 'error'; text: string }[]>([]);

function readSession(): { header: string; user: string } | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw === null ? undefined : (JSON.parse(raw) as { header: string; user: string });
  } catch {
    return undefined;
  }
}

let toastId = 0;
/** Shows a message for a few seconds. */
export function toast(kind: 'ok' | 'error', text: string): void {
  const id = ++toastId;
  toasts.set([...toasts.get(), { id, kind, text }]);
  setTimeout(() => toasts.set(toasts.get().filter((t) => t.id !== id)), kind === 'error' ? 6000 : 3000);
}

/** An API failure with its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; code?: string };
    if (res.status === 401) signInOpen.set(true);
    throw new ApiError(res.status, b.code ?? `HTTP_${res.status}`, b.error ?? res.statusText);
  }
  return body;
}

function headers(json: boolean): Record<string, string> {
  const out: Record<string, string> = json ? { 'content-type': 'application/json' } : {};
  const s = session.get();
  if (s !== undefined) out.authorization = s.header;
  return out;
}

/** GET a JSON resource (with the sign-in when there is one). */
export async function getJson<T>(path: string): Promise<T> {
  return (await parse(await fetch(path, { headers: headers(false) }))) as T;
}

/** Sends an action (POST or DELETE with a JSON body). */
export async function act<T = unknown>(method: 'POST' | 'DELETE', path: string, body: unknown = {}): Promise<T> {
  return (await parse(await fetch(path, { method, headers: headers(true), body: JSON.stringify(body) }))) as T;
}

/** Runs an action and reports it: `done` on success, the server's message on failure. */
export async function run(label: string, action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    toast('ok', label);
    return true;
  } catch (error) {
    const e = error as Error;
    toast('error', e instanceof ApiError && e.status === 401 ? 'Sign in to do that.' : `${label} failed: ${e.message}`);
    return false;
  }
}

/** Checks credentials against `/api/junction/session` and remembers them for this tab. */
export async function signIn(header: string): Promise<string> {
  const res = await fetch('/api/junction/session', { headers: { authorization: header } });
  if (!res.ok)
    throw new Error(res.status === 401 ? 'Wrong user, password or token.' : `Sign-in failed (${res.status}).`);
  const who = (await res.json()) as { user: string };
  session.set({ header, user: who.user });
  sessionStorage.setItem(KEY, JSON.stringify(session.get()));
  return who.user;
}

/** Forgets the sign-in. */
export function signOut(): void {
  session.set(undefined);
  sessionStorage.removeItem(KEY);
}

/** `Authorization: Basic` for a user and password (UTF-8). */
export function basicHeader(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}
