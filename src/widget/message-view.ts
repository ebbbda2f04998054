import type { WidgetContext } from './context.js';
import { h } from './dom.js';
import { feedbackView } from './feedback-view.js';
import type { Entry } from './history.js';
import { renderAnswer } from './render-answer.js';
import type { WidgetCitation } from './types.js';

type AssistantEntry = Extract<Entry, { role: 'assistant' }>;

/** A question the user asked. */
export function userMessage(ctx: WidgetContext, text: string): HTMLElement {
  return h('div', { class: 'msg user' }, [
    h('span', { class: 'sr-only', text: `${ctx.texts.you}: ` }),
    h('div', { class: 'bubble', text }),
  ]);
}

function chip(ctx: WidgetContext, c: WidgetCitation): HTMLButtonElement {
  const button = h('button', {
    class: 'chip',
    text: String(c.id),
    attrs: { type: 'button', 'aria-label': ctx.texts.citationLabel(c.id, c.title), 'data-citation': String(c.id) },
  });
  button.addEventListener('click', () => ctx.openPassage(c, button));
  return button;
}

function sourcesList(ctx: WidgetContext, citations: WidgetCitation[]): HTMLElement | undefined {
  if (citations.length === 0) return undefined;
  const items = citations.map((c) => {
    const button = h('button', { class: 'src', attrs: { type: 'button', 'data-source': String(c.id) } }, [
      h('b', { text: `[${c.id}]` }),
      h('span', {}, [c.title, c.section ? h('span', { class: 'sec', text: ` – ${c.section}` }) : undefined]),
    ]);
    button.addEventListener('click', () => ctx.openPassage(c, button));
    return h('li', {}, [button]);
  });
  return h('div', { class: 'sources' }, [h(ctx.subHeading, { text: ctx.texts.sources }), h('ol', {}, items)]);
}

/** The finished answer's content: text with chips, sources, the adviser button when unanswered, feedback. */
function fillAnswer(ctx: WidgetContext, el: HTMLElement, entry: AssistantEntry): void {
  const { answer } = entry;
  const body = h('div', { class: 'answer' });
  body.append(renderAnswer(answer.answer, answer.citations, (c) => chip(ctx, c)));
  const parts: (HTMLElement | undefined)[] = [
    h('span', { class: 'sr-only', text: `${ctx.texts.assistant}: ` }),
    h('div', { class: 'bubble' }, [body]),
    sourcesList(ctx, answer.citations),
  ];
  if (!answer.answered) {
    if (answer.escalation?.message) parts.push(h('p', { class: 'note', text: answer.escalation.message }));
    const contact = h('button', {
      class: 'btn contact-btn',
      text: ctx.texts.contactAdvisor,
      attrs: { type: 'button' },
    });
    contact.addEventListener('click', () => ctx.openContact(entry.question, contact));
    parts.push(contact);
  }
  parts.push(feedbackView(ctx, entry));
  el.className = `msg bot ${answer.answered ? 'answered' : 'unanswered'}`;
  el.dataset.state = 'done';
  el.removeAttribute('aria-busy');
  el.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
}

/** An answer restored from this tab's history. */
export function answerMessage(ctx: WidgetContext, entry: AssistantEntry): HTMLElement {
  const el = h('div', { class: 'msg bot' });
  fillAnswer(ctx, el, entry);
  return el;
}

/** An answer being streamed: shows a waiting note, then the text as it arrives, then the finished answer. */
export interface PendingAnswer {
  el: HTMLElement;
  delta(text: string): void;
  finish(entry: AssistantEntry): void;
  fail(message: string): void;
}

/** A placeholder for an answer that is about to stream in. */
export function pendingAnswer(ctx: WidgetContext): PendingAnswer {
  const text = h('div', { class: 'answer' }, [h('span', { class: 'thinking', text: ctx.texts.thinking })]);
  const el = h('div', { class: 'msg bot streaming', attrs: { 'aria-busy': 'true', 'data-state': 'waiting' } }, [
    h('div', { class: 'bubble' }, [text]),
  ]);
  let started = false;
  return {
    el,
    delta(chunk) {
      if (!started) {
        started = true;
        text.replaceChildren();
        el.dataset.state = 'streaming';
      }
      text.append(chunk);
    },
    finish(entry) {
      fillAnswer(ctx, el, entry);
    },
    fail(message) {
      el.className = 'msg bot error';
      el.dataset.state = 'error';
      el.removeAttribute('aria-busy');
      el.replaceChildren(h('div', { class: 'bubble', text: message }));
    },
  };
}
