import { z } from 'zod';

/** `url_verification` handshake sent when the Events request URL is saved. */
export const SlackUrlVerification = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().max(500),
});

/** The inner event of an `event_callback` (only the fields used). */
export const SlackInnerEvent = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  text: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
});
export type SlackInnerEvent = z.infer<typeof SlackInnerEvent>;

/** An Events API `event_callback` envelope. */
export const SlackEventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: z.string(),
  team_id: z.string().optional(),
  event: SlackInnerEvent,
});

/** A slash command (form fields, only those used). */
export const SlackSlashCommand = z.object({
  command: z.string(),
  text: z.string().default(''),
  response_url: z.string(),
  user_id: z.string().optional(),
  channel_id: z.string().optional(),
  team_id: z.string().optional(),
});

/** A `block_actions` interaction payload (only the fields used). */
export const SlackBlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string() }).optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z
    .object({
      text: z.string().optional(),
      ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  response_url: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type SlackBlockActions = z.infer<typeof SlackBlockActions>;

/** Slack Web API reply (only the fields used). */
export const SlackApiResult = z.object({ ok: z.boolean(), error: z.string().optional() });
