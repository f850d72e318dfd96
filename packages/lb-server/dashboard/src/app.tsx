/** The dashboard shell: header with navigation, live indicator and sign-in; one page per hash route. */
import { useEffect, useState } from 'preact/hooks';
import { session, signInOpen, signOut } from './api';
import { SignIn } from './components/sign-in';
import { Toasts } from './components/toasts';
import { Certificates } from './pages/certificates';
import { Containers } from './pages/containers';
import { Overview } from './pages/overview';
import { Routers } from './pages/routers';
import { Services } from './pages/services';
import { useStore } from './store';
import { useStateStream } from './use-state-stream';

const PAGES = [
  { id: 'overview', title: 'Overview' },
  { id: 'routers', title: 'Routers' },
  { id: 'services', title: 'Services' },
  { id: 'certificates', title: 'Certificates' },
  { id: 'containers', title: 'Containers' },
] as const;

function useRoute(): { page: string; arg: string | undefined } {
  const read = () => {
    const [page = 'overview', arg] = location.hash.replace(/^#\/?/, '').split('/');
    return { page: page === '' ? 'overview' : page, arg: arg === undefined ? undefined : decodeURIComponent(arg) };
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function Logo() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path
        d="M6 16h8l5-7h7M14 16l5 7h7"
        stroke="white"
        stroke-width="3"
        fill="none"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/** The application. */
export function App() {
  const { state, connected } = useStateStream();
  const route = useRoute();
  const who = useStore(session);
  const signing = useStore(signInOpen);
  const counts =
    state === undefined
      ? {}
      : ({
          routers: state.counts.routers.errors + state.counts.routers.warnings,
          services:
            state.counts.services.errors +
            state.counts.services.warnings +
            state.services.flatMap((s) => s.servers).filter((s) => s.state === 'DOWN').length,
          certificates: state.counts.certificates.errors + state.counts.certificates.warnings,
          containers: state.labelErrors.length,
        } as Record<string, number>);
  useEffect(() => {
    document.title = `${PAGES.find((p) => p.id === route.page)?.title ?? 'Junction'} · Junction`;
  }, [route.page]);
  return (
    <>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="#/overview">
            <Logo />
            <span>Junction</span>
          </a>
          <nav aria-label="Pages">
            {PAGES.map((p) => (
              <a key={p.id} href={`#/${p.id}`} aria-current={route.page === p.id ? 'page' : undefined}>
                {p.title}
                {(counts[p.id] ?? 0) > 0 && (
                  <span class="nav-count" title="problems">
                    {counts[p.id]}
                  </span>
                )}
              </a>
            ))}
          </nav>
          <span class="grow" />
          <span class={connected ? 'live on' : 'live'} title={connected ? 'Live updates' : 'Reconnecting…'}>
            <i />
            {connected ? 'Live' : 'Offline'}
          </span>
          {who === undefined ? (
            <button type="button" class="small" onClick={() => signInOpen.set(true)}>
              Sign in
            </button>
          ) : (
            <button type="button" class="small" title="Sign out" onClick={signOut}>
              {who.user} · Sign out
            </button>
          )}
        </div>
      </header>
      <main>
        {state === undefined ? (
          <p class="muted loading">Connecting to Junction…</p>
        ) : route.page === 'routers' ? (
          <Routers state={state} />
        ) : route.page === 'services' ? (
          <Services state={state} focus={route.arg} />
        ) : route.page === 'certificates' ? (
          <Certificates state={state} />
        ) : route.page === 'containers' ? (
          <Containers state={state} />
        ) : (
          <Overview state={state} />
        )}
      </main>
      {signing && <SignIn access={state?.access} />}
      <Toasts />
    </>
  );
}
