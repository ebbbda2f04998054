/**
 * The maintainers' console at `/admin`: sign-in, overview, documents and editor, escalations,
 * import, sign-out. Talks to the admin API only, with the session cookie; built into `admin.js`.
 */
import { api } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import type { ConsoleContext, View } from './context.js';
import { documentsView } from './documents-view.js';
import { h, render } from './dom.js';
import { editorView } from './editor-view.js';
import { escalationsView, escalationView } from './escalations-view.js';
import { importView } from './import-view.js';
import { overviewView } from './overview-view.js';
import { signInView } from './sign-in.js';
import { applyCss, consoleCss } from './styles.js';

const NAV: [View['name'], string][] = [
  ['overview', 'Oversigt'],
  ['documents', 'Dokumenter'],
  ['escalations', 'Henvendelser'],
  ['import', 'Importér'],
];

function start(root: HTMLElement): void {
  applyCss(consoleCss());
  const main = h('main', { id: 'indhold' });
  const live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const header = h('header', { class: 'top' });
  render(root, h('a', { class: 'skip', href: '#indhold' }, 'Spring til indhold'), header, main, live);

  const ctx: ConsoleContext = {
    main,
    announce: (message) => {
      live.textContent = '';
      setTimeout(() => (live.textContent = message), 50);
    },
    go: (view) => show(view),
    confirm: confirmDialog,
    today: () => new Date().toISOString().slice(0, 10),
  };

  const signedOut = () => {
    render(header, h('h1', {}, 'Vedligeholdelseskonsol'));
    signInView(main, signedIn);
  };
  const signedIn = (name: string) => {
    const buttons = NAV.map(([view, label]) =>
      h(
        'li',
        {},
        h('button', { type: 'button', 'data-view': view, onclick: () => show({ name: view } as View) }, label),
      ),
    );
    render(
      header,
      h('h1', {}, 'Vedligeholdelseskonsol'),
      h('nav', { 'aria-label': 'Konsollen' }, h('ul', {}, buttons)),
      h('span', { class: 'who' }, `Logget ind som ${name}`),
      h(
        'button',
        {
          type: 'button',
          class: 'out',
          onclick: async () => {
            await api('DELETE', '/api/admin/session').catch(() => undefined);
            ctx.announce('Du er logget ud.');
            signedOut();
          },
        },
        'Log ud',
      ),
    );
    show({ name: 'overview' });
  };

  function show(view: View): void {
    const top = view.name === 'editor' ? 'documents' : view.name === 'escalation' ? 'escalations' : view.name;
    for (const b of header.querySelectorAll<HTMLButtonElement>('nav button')) {
      if (b.dataset.view === top) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    const run = (): Promise<void> | void => {
      switch (view.name) {
        case 'overview':
          return overviewView(ctx);
        case 'documents':
          return documentsView(ctx);
        case 'editor':
          return editorView(ctx, view);
        case 'escalations':
          return escalationsView(ctx);
        case 'escalation':
          return escalationView(ctx, view.id);
        case 'import':
          return importView(ctx);
      }
    };
    void Promise.resolve(run()).catch((e: unknown) => {
      render(main, h('div', { class: 'alert', role: 'alert' }, e instanceof Error ? e.message : String(e)));
    });
  }

  api<{ name: string }>('GET', '/api/admin/session').then((s) => signedIn(s.name), signedOut);
}

const root = document.getElementById('konsol');
if (root) start(root);
