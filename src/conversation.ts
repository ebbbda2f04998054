import { z } from 'zod';

/** Where a question came from: logged with it, stored with feedback and escalations. */
export const Channel = z.enum(['web', 'api', 'slack', 'teams', 'cli']);
export type Channel = z.infer<typeof Channel>;

/** One turn of earlier conversation, as a client sends it with a question or an escalation. */
export const Turn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(8000),
});
export type Turn = z.infer<typeof Turn>;
