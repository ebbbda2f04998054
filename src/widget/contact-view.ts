import type { WidgetContext } from './context.js';
import { h } from './dom.js';
import { lastCitedChunkIds, toTurns } from './history.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
let counter = 0;

function field(label: string, control: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  control.id = `opi-f${++counter}`;
  return h('div', { class: 'field' }, [h('label', { text: label, attrs: { for: control.id } }), control]);
}

/** The "contact an adviser" form: name, e-mail, the question and the conversation, posted as an escalation. */
export function contactView(ctx: WidgetContext, question: string, back: () => void): HTMLElement {
  const { texts } = ctx;
  const conversation = toTurns(ctx.entries, 50);
  const name = h('input', { attrs: { type: 'text', autocomplete: 'name', maxlength: '200' } });
  const email = h('input', { attrs: { type: 'email', autocomplete: 'email', maxlength: '320', required: '' } });
  const q = h('textarea', { attrs: { rows: '3', maxlength: '2000', required: '' } });
  q.value = question;
  const convo = h('textarea', { attrs: { rows: '4', readonly: '' } });
  convo.value = conversation
    .map((t) => `${t.role === 'user' ? texts.you : texts.assistant}: ${t.content}`)
    .join('\n\n');
  const error = h('p', { class: 'err', attrs: { role: 'alert', id: `opi-f${++counter}` } });
  const submit = h('button', { class: 'btn', text: texts.contactSend, attrs: { type: 'submit' } });
  const cancel = h('button', { class: 'btn secondary', text: texts.contactCancel, attrs: { type: 'button' } });
  cancel.addEventListener('click', back);
  const form = h('form', { attrs: { novalidate: '' } }, [
    field(texts.contactName, name),
    field(texts.contactEmail, email),
    field(texts.contactQuestion, q),
    conversation.length > 0 ? field(texts.contactConversation, convo) : undefined,
    error,
    h('div', { class: 'row' }, [submit, cancel]),
  ]);
  const view = h('div', { class: 'view contact', attrs: { role: 'region', 'aria-labelledby': 'opi-contact-title' } }, [
    h(ctx.subHeading, { text: texts.contactAdvisor, attrs: { id: 'opi-contact-title', tabindex: '-1' } }),
    h('p', { class: 'note', text: texts.contactIntro }),
    form,
  ]);

  const invalid = (control: HTMLInputElement | HTMLTextAreaElement, message: string) => {
    error.textContent = message;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', error.id);
    control.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    for (const c of [email, q]) c.removeAttribute('aria-invalid');
    error.textContent = '';
    if (q.value.trim() === '') return invalid(q, texts.contactQuestionMissing);
    if (!EMAIL.test(email.value.trim())) return invalid(email, texts.contactEmailInvalid);
    submit.disabled = true;
    submit.textContent = texts.sending;
    try {
      const { id, reference } = await ctx.api.escalate({
        question: q.value.trim(),
        conversation,
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
        email: email.value.trim(),
        channel: 'web',
        citedChunkIds: lastCitedChunkIds(ctx.entries),
      });
      const thanks = h('p', {
        class: 'ok',
        text: texts.contactThanks(reference ?? id),
        attrs: { role: 'status', tabindex: '-1' },
      });
      const done = h('button', {
        class: 'btn secondary back',
        text: `← ${texts.passageBack}`,
        attrs: { type: 'button' },
      });
      done.addEventListener('click', back);
      form.replaceWith(h('div', { class: 'view' }, [thanks, done]));
      thanks.focus();
      ctx.announce(thanks.textContent ?? '');
    } catch {
      error.textContent = texts.contactFailed;
      submit.disabled = false;
      submit.textContent = texts.contactSend;
    }
  });
  return view;
}
