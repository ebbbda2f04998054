const SHOWN = '[data-tip]:is(:hover,:focus-visible):not(.tip-off)';

/**
 * Escape on the widget dismisses the tooltips it shows (WCAG 1.4.13) until the pointer leaves or focus moves
 * on. True when the focused element's own tooltip was among them: that tooltip is then the innermost open
 * thing, and this Escape should do nothing more.
 */
export function dismissTips(root: ParentNode, focused: Element | null): boolean {
  let own = false;
  for (const el of root.querySelectorAll(SHOWN)) {
    el.classList.add('tip-off');
    const back = () => el.classList.remove('tip-off');
    el.addEventListener('mouseleave', back, { once: true });
    el.addEventListener('blur', back, { once: true });
    if (el === focused && el.matches(':focus-visible')) own = true;
  }
  return own;
}
