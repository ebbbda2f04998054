export { type ChannelOptions, channelRoutes } from './routes.js';
export { formatSlackAnswer } from './slack/format.js';
export { verifySlackSignature } from './slack/verify.js';
export { formatTeamsAnswer } from './teams/format.js';
export { verifyTeamsWebhookHmac } from './teams/webhook.js';
export { validateChannelConfig } from './validate-config.js';
