import type { WidgetContext } from './context.js';
import { h } from './dom.js';
import { safeHref } from './safe-url.js';
import type { WidgetCitation } from './types.js';

/** The exact passage behind a citation: title, section, text and a link to the source viewer. */
export function passageView(ctx: WidgetContext, c: WidgetCitation, back: () => void): HTMLElement {
  const { texts } = ctx;
  const href = safeHref(c.url, ctx.options.apiBase);
  const backButton = h('button', {
    class: 'btn secondary back',
    text: `← ${texts.passageBack}`,
    attrs: { type: 'button' },
  });
  backButton.addEventListener('click', back);
  const link = href
    ? h('a', {
        class: 'open-source',
        text: texts.passageOpenSource,
        attrs: { href, target: '_blank', rel: 'noopener noreferrer' },
      })
    : c.url
      ? h('p', { class: 'note' }, [`${texts.passageUnsafeUrl} `, h('code', { text: c.url })])
      : undefined;
  return h('div', { class: 'view passage', attrs: { role: 'region', 'aria-labelledby': 'opi-passage-title' } }, [
    backButton,
    h('p', { class: 'kicker', text: texts.citationLabel(c.id, '').replace(/:\s*$/, '') }),
    h(ctx.subHeading, { text: c.title, attrs: { id: 'opi-passage-title', tabindex: '-1' } }),
    c.section ? h('p', { class: 'section', text: c.section }) : undefined,
    h('blockquote', { class: 'passage-text', text: c.text }),
    link,
  ]);
}
