/** Whether this browser has the Popover API (Chromium 114, Firefox 125, Safari 17). */
const popovers = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/** Shows and hides an element, in the top layer where the browser has one. */
export interface Layer {
  show(): void;
  hide(): void;
}

/**
 * Shows `el` as a manual popover: in the top layer, above any z-index and outside any transformed ancestor
 * of the host page (a `transform` on `body` would otherwise make `position: fixed` relative to the body).
 * Without the Popover API it only toggles `hidden`, and the stylesheet's fixed position and highest
 * z-index have to do. Call `show` once `el` is in the document.
 */
export function topLayer(el: HTMLElement): Layer {
  if (popovers) el.setAttribute('popover', 'manual');
  return {
    show() {
      el.hidden = false;
      if (popovers && el.isConnected && !el.matches(':popover-open')) el.showPopover();
    },
    hide() {
      if (popovers && el.matches(':popover-open')) el.hidePopover();
      el.hidden = true;
    },
  };
}
