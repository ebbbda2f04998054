import { createApi, WidgetApiError } from './api.js';
import { paletteFor } from './color.js';
import { contactView } from './contact-view.js';
import type { WidgetContext } from './context.js';
import { h, ICONS, icon } from './dom.js';
import { loadEntries, saveEntries, storageKey, toTurns } from './history.js';
import { answerMessage, pendingAnswer, userMessage } from './message-view.js';
import type { WidgetOptions } from './options.js';
import { passageView } from './passage-view.js';
import { stripMarkers } from './render-answer.js';
import { applyCss, widgetCss } from './styles.js';
import { textsFor } from './texts.js';

/** How many earlier turns go with each question. */
const HISTORY_TURNS = 10;

/** A mounted widget: open or close it from the host page. */
export interface WidgetController {
  host: HTMLElement;
  open(): void;
  close(): void;
  ask(question: string): Promise<void>;
}

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Render the help-desk widget into a Shadow DOM under `container` and return its controller. */
export function mountWidget(options: WidgetOptions, container: HTMLElement): WidgetController {
  const texts = textsFor(options.lang);
  const page = options.mode === 'page';
  const api = createApi(options.apiBase);
  const storage = sessionStore();
  const key = storageKey(options.apiBase);

  const host = h('div', { attrs: { 'data-opi-helpdesk': '', lang: options.lang } });
  const shadow = host.attachShadow({ mode: 'open' });
  applyCss(shadow, widgetCss(paletteFor(options.color), page));

  const live = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } });
  const log = h('div', { class: 'log' });
  const aside = h('div', { class: 'aside', attrs: { hidden: '' } });
  const body = h('div', { class: 'body' }, [log, aside]);
  const input = h('textarea', {
    attrs: { id: 'opi-q', rows: '1', maxlength: '2000', placeholder: texts.inputPlaceholder, autocomplete: 'off' },
  });
  const sendButton = h('button', { class: 'send', attrs: { type: 'submit', 'aria-label': texts.send } }, [
    icon(ICONS.send),
  ]);
  const composer = h('form', { class: 'composer', attrs: { novalidate: '' } }, [
    h('label', { class: 'sr-only', text: texts.inputLabel, attrs: { for: 'opi-q' } }),
    input,
    sendButton,
  ]);
  const launcher = h(
    'button',
    {
      class: 'launcher',
      attrs: {
        type: 'button',
        'aria-label': texts.launcherOpen,
        'aria-expanded': 'false',
        'aria-controls': 'opi-panel',
        'aria-haspopup': 'dialog',
      },
    },
    [icon(ICONS.chat)],
  );
  const newButton = h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': texts.newConversation } }, [
    icon(ICONS.refresh),
  ]);
  const closeButton = h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': texts.close } }, [
    icon(ICONS.close),
  ]);
  const contactLink = h('button', { class: 'link-btn', text: texts.contactAdvisor, attrs: { type: 'button' } });
  const foot = h('div', { class: 'foot' }, [contactLink]);
  const panel = h(
    'section',
    {
      class: 'panel',
      attrs: {
        id: 'opi-panel',
        role: page ? 'region' : 'dialog',
        'aria-labelledby': 'opi-title',
        hidden: page ? undefined : '',
      },
    },
    [
      h('div', { class: 'head' }, [
        h(page ? 'h1' : 'h2', { text: options.title, attrs: { id: 'opi-title' } }),
        newButton,
        page ? undefined : closeButton,
      ]),
      body,
      composer,
      foot,
      live,
    ],
  );
  const root = h('div', { class: `root ${page ? 'page' : 'popup'} ${options.position}` }, [
    page ? undefined : launcher,
    panel,
  ]);
  shadow.append(root);

  let busy = false;
  let returnFocus: HTMLElement | undefined;

  const announce = (text: string) => {
    live.textContent = '';
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  };
  const scrollToEnd = () => {
    body.scrollTop = body.scrollHeight;
  };
  const showAside = (view: HTMLElement, opener: HTMLElement) => {
    returnFocus = opener;
    aside.replaceChildren(view);
    aside.hidden = false;
    log.hidden = true;
    foot.hidden = true;
    body.scrollTop = 0;
    (view.querySelector('[tabindex="-1"]') as HTMLElement | null)?.focus();
  };
  const closeAside = () => {
    if (aside.hidden) return false;
    aside.hidden = true;
    aside.replaceChildren();
    log.hidden = false;
    foot.hidden = false;
    const target = returnFocus?.isConnected ? returnFocus : input;
    target.focus();
    target.scrollIntoView?.({ block: 'nearest' });
    returnFocus = undefined;
    return true;
  };

  const ctx: WidgetContext = {
    options,
    texts,
    api,
    subHeading: page ? 'h2' : 'h3',
    entries: loadEntries(storage, key),
    persist: () => saveEntries(storage, key, ctx.entries),
    announce,
    openPassage: (citation, opener) => showAside(passageView(ctx, citation, closeAside), opener),
    openContact: (question, opener) => showAside(contactView(ctx, question, closeAside), opener),
  };

  const starters = () => {
    const list = h(
      'ul',
      {},
      options.starters.map((s) => {
        const b = h('button', { class: 'starter', text: s, attrs: { type: 'button' } });
        b.addEventListener('click', () => void ask(s));
        return h('li', {}, [b]);
      }),
    );
    return h('div', { class: 'starters' }, [h('p', { text: texts.startersHeading }), list]);
  };
  const renderLog = () => {
    const greeting = h('div', { class: 'msg bot greeting' }, [h('div', { class: 'bubble', text: options.greeting })]);
    const items = ctx.entries.map((e) => (e.role === 'user' ? userMessage(ctx, e.content) : answerMessage(ctx, e)));
    log.replaceChildren(greeting, ...items);
    if (ctx.entries.length === 0 && options.starters.length > 0) log.append(starters());
  };

  const errorText = (error: unknown): string => {
    if (error instanceof WidgetApiError) {
      if (error.status === 0) return texts.errorNetwork;
      if (error.status === 429) return texts.errorRateLimited;
      if (error.status >= 400 && error.status < 500 && error.message) return error.message;
    }
    return texts.errorGeneric;
  };

  async function ask(raw: string): Promise<void> {
    const question = raw.trim().slice(0, 2000);
    if (!question || busy) return;
    busy = true;
    sendButton.setAttribute('aria-disabled', 'true');
    closeAside();
    log.querySelector('.starters')?.remove();
    const history = toTurns(ctx.entries, HISTORY_TURNS);
    ctx.entries.push({ role: 'user', content: question });
    ctx.persist();
    const pending = pendingAnswer(ctx);
    log.append(userMessage(ctx, question), pending.el);
    scrollToEnd();
    try {
      const answer = await api.ask(question, history, {
        onDelta: (text) => {
          pending.delta(text);
          scrollToEnd();
        },
      });
      const entry = { role: 'assistant' as const, question, answer };
      ctx.entries.push(entry);
      ctx.persist();
      pending.finish(entry);
      announce(texts.answerAnnounce(stripMarkers(answer.answer)));
    } catch (error) {
      ctx.entries.pop();
      ctx.persist();
      const message = errorText(error);
      pending.fail(message);
      announce(message);
    } finally {
      busy = false;
      sendButton.removeAttribute('aria-disabled');
      scrollToEnd();
    }
  }

  const open = () => {
    if (page) return;
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', texts.launcherClose);
    scrollToEnd();
    input.focus();
  };
  const close = () => {
    if (page) return;
    closeAside();
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', texts.launcherOpen);
    launcher.focus();
  };

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  newButton.addEventListener('click', () => {
    if (busy) return;
    ctx.entries = [];
    ctx.persist();
    closeAside();
    renderLog();
    input.focus();
  });
  contactLink.addEventListener('click', () => {
    const lastQuestion = [...ctx.entries].reverse().find((e) => e.role === 'user');
    ctx.openContact(lastQuestion?.role === 'user' ? lastQuestion.content : '', contactLink);
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const value = input.value;
    input.value = '';
    void ask(value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (closeAside()) {
      event.preventDefault();
      return;
    }
    if (!page && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });

  renderLog();
  container.append(host);
  return { host, open, close, ask };
}
