import type { EscalationStatus } from './store.js';

/**
 * Allowed status changes of an escalation. The usual path is
 * open → assigned → answered → resolved; an admin may also answer or close an
 * open case directly, hand an assigned case back (→ open), or re-assign an
 * answered case. A resolved case is final.
 */
export const ESCALATION_TRANSITIONS: Readonly<Record<EscalationStatus, readonly EscalationStatus[]>> = {
  open: ['assigned', 'answered', 'resolved'],
  assigned: ['open', 'answered', 'resolved'],
  answered: ['assigned', 'resolved'],
  resolved: [],
};

/** True when an escalation may go from `from` to `to` (staying put is always allowed). */
export function canTransition(from: EscalationStatus, to: EscalationStatus): boolean {
  return from === to || ESCALATION_TRANSITIONS[from].includes(to);
}
