import { z } from 'zod';

const ChannelAccount = z.object({ id: z.string(), name: z.string().optional() }).loose();

/** A Bot Framework activity as received on the messaging endpoint (only the fields used). */
export const TeamsActivity = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
  serviceUrl: z.string().min(1),
  channelId: z.string().optional(),
  conversation: z.object({ id: z.string().min(1) }).loose(),
  from: ChannelAccount.optional(),
  recipient: ChannelAccount.optional(),
  replyToId: z.string().optional(),
  value: z.unknown().optional(),
});
export type TeamsActivity = z.infer<typeof TeamsActivity>;

/** The value of a `message/submitAction` invoke from Teams' feedback buttons. */
export const TeamsFeedbackValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.string().optional(),
  }),
});

/** The value a `messageBack` escalation button sends back. */
export const TeamsEscalateValue = z.object({
  action: z.literal('opi.escalate'),
  ref: z.string().max(4000),
});

/** OpenID metadata document (only `jwks_uri`). */
export const OpenIdMetadata = z.object({ jwks_uri: z.url() });

/** A JSON Web Key Set as served by the Bot Framework (keys may carry channel `endorsements`). */
export const Jwks = z.object({
  keys: z.array(
    z.object({ kty: z.string(), kid: z.string().optional(), endorsements: z.array(z.string()).optional() }).loose(),
  ),
});
export type Jwk = z.infer<typeof Jwks>['keys'][number];

/** Response of the client-credentials token endpoint (only the fields used). */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
});

/** An outgoing-webhook activity (only the text is used). */
export const TeamsWebhookActivity = z.object({ type: z.string().optional(), text: z.string().optional() }).loose();
