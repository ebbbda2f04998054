import { parseOptions } from './options.js';
import { readSite, SITE_SLOT } from './site.js';
import { mountWidget, type WidgetController } from './widget.js';

/**
 * Entry of `widget.js`: reads the options from its own `<script>` tag's `data-` attributes and mounts the
 * widget once the page has a body. The controller is exposed as `window.opiHelpdesk` (open, close, ask).
 */
function start(): void {
  const w = window as unknown as { opiHelpdesk?: WidgetController | 'loading' };
  if (w.opiHelpdesk) return;
  w.opiHelpdesk = 'loading';
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  const options = parseOptions(
    { ...(script?.dataset ?? {}) },
    script?.src || undefined,
    location.href,
    readSite(SITE_SLOT),
  );
  const mount = () => {
    const container = (options.target && document.getElementById(options.target)) || document.body;
    w.opiHelpdesk = mountWidget(options, container);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

start();
