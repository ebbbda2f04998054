import { Hono } from 'hono';
import type { AppDeps } from './deps.js';

/** Feedback, escalation and admin routes (filled in by the operations work). */
export function opsRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
