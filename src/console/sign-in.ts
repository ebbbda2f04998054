import { api, ApiError } from './api.js';
import { field, h, render } from './dom.js';

/** The sign-in form: admin token and name; calls `signedIn` with the name once the session cookie is set. */
export function signInView(main: HTMLElement, signedIn: (name: string) => void): void {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'current-password', required: true });
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: 100 });
  const error = h('div', { class: 'alert', role: 'alert', hidden: true });
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
}
