import { Hono } from 'hono';
import type { AppDeps } from './deps.js';

/** `GET /widget.js` and the full-page chat at `/` (filled in by the widget work). */
export function widgetRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
