import { api, ApiError } from './api.js';
import { field, h, render } from './dom.js';

/** The single sign-on the server offers (`GET /api/admin/oidc`): the button's text and where it leads. */
interface SsoOption {
  text: string;
  url: string;
}

/** What the sign-in page says when single sign-on sent the browser back with `?sso=<outcome>`. */
export const SSO_MESSAGES: Record<string, string> = {
  expired: 'Login via organisationens login tog for lang tid eller blev startet i en anden fane. Prøv igen.',
  cancelled: 'Login blev afbrudt hos organisationens login. Prøv igen.',
  denied: 'Din bruger har ikke adgang til konsollen. Kontakt driften, hvis du skal have adgang.',
  failed: 'Login via organisationens login kunne ikke bekræftes. Prøv igen.',
  unavailable: 'Organisationens login kan ikke nås lige nu. Brug admin-tokenet, eller prøv igen senere.',
};

/**
 * The sign-in page: a button to the organisation's login when single sign-on is configured, and the
 * form for the admin token and a name; calls `signedIn` with the name once the session cookie is set.
 */
export function signInView(main: HTMLElement, signedIn: (name: string) => void): void {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true });
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: 100 });
  const error = h('div', { class: 'alert', role: 'alert', hidden: true });
  const sso = h('div', { class: 'sso', hidden: true });
  const form = h(
    'form',
    {
      class: 'card signin',
      'aria-labelledby': 'signin-h',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const session = await api<{ name: string }>('POST', '/api/admin/session', {
            token: token.value,
            name: name.value,
          });
          token.value = '';
          signedIn(session.name);
        } catch (e) {
          error.textContent = e instanceof ApiError ? e.message : 'Login mislykkedes.';
          error.hidden = false;
          token.focus();
        }
      },
    },
    h('h2', { id: 'signin-h', tabindex: -1 }, 'Log ind'),
    sso,
    h(
      'p',
      { class: 'muted' },
      'Brug admin-tokenet, som driften har givet jer. Dit navn står i historikken ved de ændringer, du laver.',
    ),
    field('Admin-token', token),
    field('Dit navn', name),
    error,
    h('button', { type: 'submit', class: 'btn' }, 'Log ind'),
  );
  render(main, form);
  (form.querySelector('h2') as HTMLElement).focus();
  const outcome = ssoOutcome();
  if (outcome) {
    error.textContent = SSO_MESSAGES[outcome] ?? 'Login mislykkedes.';
    error.hidden = false;
  }
  api<SsoOption>('GET', '/api/admin/oidc').then(
    (option) => {
      render(
        sso,
        h('a', { class: 'btn sso-button', href: option.url }, option.text),
        h('p', { class: 'muted or' }, 'eller med admin-token:'),
      );
      sso.hidden = false;
    },
    () => undefined,
  );
}

/** The `?sso=` outcome single sign-on returned with, removed from the address bar once read. */
function ssoOutcome(): string | undefined {
  const params = new URLSearchParams(location.search);
  const outcome = params.get('sso') ?? undefined;
  if (outcome !== undefined) {
    params.delete('sso');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  return outcome;
}
