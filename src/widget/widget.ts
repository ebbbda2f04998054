import { createApi, WidgetApiError } from './api.js';
import { paletteFor } from './color.js';
import { contactView } from './contact-view.js';
import type { WidgetContext } from './context.js';
import { h, ICONS, icon } from './dom.js';
import { trapTab } from './focus-trap.js';
import { type Entry, loadEntries, saveEntries, storageKey, toTurns } from './history.js';
import { answerMessage, pendingAnswer, userMessage } from './message-view.js';
import type { WidgetOptions } from './options.js';
import { passageView } from './passage-view.js';
import { stripMarkers } from './render-answer.js';
import { applyCss, widgetCss } from './styles.js';
import { textsFor } from './texts.js';
import { dismissTips } from './tooltip.js';
import { topLayer } from './top-layer.js';

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
  const texts = textsFor(options.lang, options.site);
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
  const sendButton = h(
    'button',
    { class: 'send', attrs: { type: 'submit', 'aria-label': texts.send, 'data-tip': texts.send } },
    [icon(ICONS.send)],
  );
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
        'data-tip': texts.launcherOpen,
        'aria-expanded': 'false',
        'aria-controls': 'opi-panel',
        'aria-haspopup': 'dialog',
      },
    },
    [icon(ICONS.chat)],
  );
  const iconButton = (label: string, path: string) =>
    h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': label, 'data-tip': label } }, [icon(path)]);
  const newButton = iconButton(texts.newConversation, ICONS.refresh);
  const closeButton = iconButton(texts.close, ICONS.close);
  const contactLink = h('button', { class: 'link-btn', text: texts.contactAdvisor, attrs: { type: 'button' } });
  const foot = h('div', { class: 'foot' }, [contactLink]);
  const panel = h(
    'section',
    {
      class: 'panel',
      attrs: {
        id: 'opi-panel',
        role: page ? 'region' : 'dialog',
        'aria-modal': page ? undefined : 'true',
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
  const launcherLayer = topLayer(launcher);
  const panelLayer = topLayer(panel);

  let busy = false;
  let returnFocus: HTMLElement | undefined;
  /** Where focus goes when the panel closes: the launcher, or the host page's element that opened it. */
  let opener: HTMLElement = launcher;
  /** The conversation "Ny samtale" cleared, until it is undone or a new question is asked. */
  let cleared: Entry[] | undefined;

  const announce = (text: string) => {
    live.textContent = '';
    setTimeout(() => {
      live.textContent = text;
    }, 50);
  };
  const scrollToEnd = () => {
    body.scrollTop = body.scrollHeight;
  };
  /** Scroll so that `el` starts at the top of the conversation (or as near as the content allows). */
  const scrollToStart = (el: HTMLElement) => {
    body.scrollTop = el.offsetTop - 8;
  };
  const showAside = (view: HTMLElement, opener: HTMLElement) => {
    returnFocus = opener;
    aside.replaceChildren(view);
    aside.hidden = false;
    panel.classList.add('reading');
    log.hidden = true;
    foot.hidden = true;
    body.scrollTop = 0;
    (view.querySelector('[tabindex="-1"]') as HTMLElement | null)?.focus();
  };
  const closeAside = () => {
    if (aside.hidden) return false;
    aside.hidden = true;
    panel.classList.remove('reading');
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
    if (cleared) log.append(undoBar());
  };
  const undoBar = () => {
    const undo = h('button', { class: 'link-btn', text: texts.undo, attrs: { type: 'button' } });
    undo.addEventListener('click', () => {
      ctx.entries = cleared ?? [];
      cleared = undefined;
      ctx.persist();
      renderLog();
      announce(texts.conversationRestored);
      input.focus();
      scrollToEnd();
    });
    return h('p', { class: 'undo' }, [`${texts.conversationCleared} `, undo]);
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
    cleared = undefined;
    log.querySelector('.starters')?.remove();
    log.querySelector('.undo')?.remove();
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
          scrollToStart(pending.el);
        },
      });
      const entry = { role: 'assistant' as const, question, answer };
      ctx.entries.push(entry);
      ctx.persist();
      pending.finish(entry);
      scrollToStart(pending.el);
      announce(texts.answerAnnounce(stripMarkers(answer.answer)));
    } catch (error) {
      ctx.entries.pop();
      ctx.persist();
      const message = errorText(error);
      pending.fail(message);
      scrollToEnd();
      announce(message);
      // The question stays in the input to be sent again, unless something new was typed meanwhile.
      if (!input.value.trim()) input.value = question;
    } finally {
      busy = false;
      sendButton.removeAttribute('aria-disabled');
    }
  }

  const setLauncher = (expanded: boolean) => {
    const label = expanded ? texts.launcherClose : texts.launcherOpen;
    launcher.setAttribute('aria-expanded', String(expanded));
    launcher.setAttribute('aria-label', label);
    launcher.dataset.tip = label;
  };
  const open = () => {
    if (page || !panel.hidden) return;
    const active = document.activeElement;
    opener = active instanceof HTMLElement && active !== host && active !== document.body ? active : launcher;
    panelLayer.show();
    setLauncher(true);
    scrollToEnd();
    input.focus();
  };
  const close = () => {
    if (page || panel.hidden) return;
    closeAside();
    panelLayer.hide();
    setLauncher(false);
    (opener.isConnected ? opener : launcher).focus();
    opener = launcher;
  };

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  newButton.addEventListener('click', () => {
    if (busy || ctx.entries.length === 0) return;
    cleared = ctx.entries;
    ctx.entries = [];
    ctx.persist();
    closeAside();
    renderLog();
    announce(texts.conversationCleared);
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
  // Escape closes the innermost open thing first: a view inside (the feedback form handles its own and marks
  // the event handled), then the focused button's tooltip, a passage or the contact form, and last the panel.
  root.addEventListener('keydown', (event) => {
    if (!page && !panel.hidden) trapTab(panel, event);
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (dismissTips(root, shadow.activeElement) || closeAside()) {
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
  if (!page) launcherLayer.show();
  return { host, open, close, ask };
}
