const TABBABLE = 'a[href],button:not([disabled]),input:not([disabled]),textarea:not([disabled]),[tabindex="0"]';

/**
 * Keeps Tab inside `box` (an open dialog): Tab from its last tabbable element, or from anywhere after it,
 * goes to the first, and Shift+Tab from the first goes to the last. `event` is a keydown inside the widget.
 */
export function trapTab(box: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const items = [...box.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.getClientRects().length > 0);
  const first = items[0];
  const last = items[items.length - 1];
  const active = (box.getRootNode() as ShadowRoot).activeElement;
  if (!first || !last) return;
  const inside = active !== null && box.contains(active);
  // compareDocumentPosition: 4 = the argument follows `active`, 2 = it precedes it.
  const wrap = event.shiftKey
    ? !inside || active === first || (active.compareDocumentPosition(first) & 4) !== 0
    : !inside || active === last || (active.compareDocumentPosition(last) & 2) !== 0;
  if (!wrap) return;
  event.preventDefault();
  (event.shiftKey ? last : first).focus();
}
