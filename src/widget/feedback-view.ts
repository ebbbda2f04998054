import type { WidgetContext } from './context.js';
import { h, ICONS, icon } from './dom.js';
import { citedIds } from './render-answer.js';
import type { Entry } from './history.js';

type AssistantEntry = Extract<Entry, { role: 'assistant' }>;

/** The chunk ids an answer cites (those its text marks with `[n]`, else all of its citations). */
export function citedChunkIds(entry: AssistantEntry): string[] {
  const ids = citedIds(entry.answer.answer);
  const cited = entry.answer.citations.filter((c) => ids.includes(c.id));
  return (cited.length > 0 ? cited : entry.answer.citations)
    .map((c) => c.chunkId)
    .filter(Boolean)
    .slice(0, 50);
}

/** 👍/👎 on one answer, with an optional comment, posted to `/api/feedback`. */
export function feedbackView(ctx: WidgetContext, entry: AssistantEntry): HTMLElement {
  const { texts } = ctx;
  const box = h('div', { class: 'actions feedback' });
  const thanks = () => {
    const note = h('p', { class: 'note', text: texts.feedbackThanks, attrs: { role: 'status', tabindex: '-1' } });
    const hadFocus = box.contains(
      box.getRootNode() instanceof ShadowRoot ? (box.getRootNode() as ShadowRoot).activeElement : null,
    );
    box.replaceChildren(note);
    if (hadFocus) note.focus();
  };
  if (entry.feedback) {
    thanks();
    return box;
  }
  const thumbs: HTMLButtonElement[] = [];
  let form: HTMLFormElement | undefined;
  const choose = (rating: 'up' | 'down', button: HTMLButtonElement) => {
    for (const t of thumbs) t.setAttribute('aria-pressed', String(t === button));
    form?.remove();
    form = commentForm(ctx, entry, rating, thanks);
    // Escape in the form closes only the form (the innermost open thing), back to the chosen thumb.
    form.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      form?.remove();
      form = undefined;
      for (const t of thumbs) t.setAttribute('aria-pressed', 'false');
      button.focus();
    });
    box.append(form);
    form.querySelector('textarea')?.focus();
    form.scrollIntoView?.({ block: 'nearest' });
  };
  for (const rating of ['up', 'down'] as const) {
    const button = h(
      'button',
      {
        class: 'thumb',
        attrs: {
          type: 'button',
          'aria-pressed': 'false',
          'aria-label': rating === 'up' ? texts.feedbackUp : texts.feedbackDown,
          'data-tip': rating === 'up' ? texts.feedbackUp : texts.feedbackDown,
          'data-rating': rating,
        },
      },
      [icon(ICONS.thumb, rating === 'down' ? 'rotate(180 12 12)' : undefined)],
    );
    button.addEventListener('click', () => choose(rating, button));
    thumbs.push(button);
  }
  box.append(h('span', { text: texts.feedbackQuestion }), ...thumbs);
  return box;
}

function commentForm(
  ctx: WidgetContext,
  entry: AssistantEntry,
  rating: 'up' | 'down',
  done: () => void,
): HTMLFormElement {
  const { texts } = ctx;
  const id = `fb-${Math.random().toString(36).slice(2, 9)}`;
  const comment = h('textarea', { attrs: { id, rows: '2', maxlength: '2000' } });
  const error = h('p', { class: 'err', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'btn', text: texts.feedbackSend, attrs: { type: 'submit' } });
  const form = h('form', { class: 'fb-form', attrs: { novalidate: '' } }, [
    h('div', { class: 'field' }, [h('label', { text: texts.feedbackCommentLabel, attrs: { for: id } }), comment]),
    submit,
    error,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    error.textContent = '';
    try {
      const text = comment.value.trim();
      await ctx.api.feedback({
        question: entry.question,
        answer: entry.answer.answer.slice(0, 20_000),
        rating,
        ...(text ? { comment: text } : {}),
        citedChunkIds: citedChunkIds(entry),
        channel: 'web',
      });
      entry.feedback = rating;
      ctx.persist();
      done();
    } catch {
      error.textContent = texts.feedbackFailed;
      submit.disabled = false;
    }
  });
  return form;
}
