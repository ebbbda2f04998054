import { Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';

/** Slack and Teams routes; unconfigured channels answer 404 (filled in by the channels work). */
export function channelRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
