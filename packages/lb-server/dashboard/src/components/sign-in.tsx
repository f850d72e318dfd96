/** The sign-in form: a user and password (Basic) or the API token (Bearer), checked by the server. */
import type { InputHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import type { AccessState } from '../../../src/dashboard/state-types';
import { basicHeader, signIn, signInOpen, toast } from '../api';
import { Modal } from './modal';

/** The form, in a modal. */
export function SignIn({ access }: { access: AccessState | undefined }) {
  const methods = access?.methods ?? ['basic', 'bearer'];
  const [mode, setMode] = useState<'basic' | 'bearer'>(methods[0] ?? 'basic');
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const close = () => signInOpen.set(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const who = await signIn(mode === 'basic' ? basicHeader(user, secret) : `Bearer ${secret.trim()}`);
      toast('ok', `Signed in as ${who}`);
      close();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="Sign in to make changes" onClose={close}>
      {access !== undefined && !access.actions ? (
        <p class="notice warn">Actions are disabled on this server: no users and no token are configured.</p>
      ) : (
        <form class="form" onSubmit={submit}>
          {methods.length > 1 && (
            <div class="segmented" role="tablist">
              <button type="button" role="tab" aria-selected={mode === 'basic'} onClick={() => setMode('basic')}>
                User
              </button>
              <button type="button" role="tab" aria-selected={mode === 'bearer'} onClick={() => setMode('bearer')}>
                Token
              </button>
            </div>
          )}
          {mode === 'basic' ? (
            <>
              <Field label="User" input={{ name: 'user', autocomplete: 'username' }} value={user} onValue={setUser} />
              <Field
                label="Password"
                input={{ name: 'password', type: 'password', autocomplete: 'current-password' }}
                value={secret}
                onValue={setSecret}
              />
            </>
          ) : (
            <Field
              label="API token"
              input={{ name: 'token', type: 'password', autocomplete: 'off' }}
              value={secret}
              onValue={setSecret}
            />
          )}
          {error !== undefined && (
            <p class="notice bad" role="alert">
              {error}
            </p>
          )}
          <div class="buttons">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Checking…' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** One labelled, required input of the form; `input` is its name, type and autocomplete. */
function Field(props: {
  label: string;
  input: InputHTMLAttributes<HTMLInputElement>;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input {...props.input} value={props.value} onInput={(e) => props.onValue(e.currentTarget.value)} required />
    </label>
  );
}
