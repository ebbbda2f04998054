import type { Config } from '../config.js';
import { fromBase64 } from './shared/crypto.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Problems with the Slack and Teams settings, one clear Danish message each; empty when
 * every channel is either fully configured or left off. The runtime refuses to start on any.
 */
export function validateChannelConfig(config: Config): string[] {
  const errors: string[] = [];
  const slack = Boolean(config.SLACK_SIGNING_SECRET || config.SLACK_BOT_TOKEN);
  const teamsBot = Boolean(config.TEAMS_APP_ID || config.TEAMS_APP_PASSWORD);
  const teamsWebhook = Boolean(config.TEAMS_WEBHOOK_SECRET);

  if (config.SLACK_SIGNING_SECRET && !config.SLACK_BOT_TOKEN) {
    errors.push(
      'SLACK_SIGNING_SECRET er sat, men SLACK_BOT_TOKEN mangler: kopiér "Bot User OAuth Token" (xoxb-…) fra Slack-appens side "OAuth & Permissions".',
    );
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET) {
    errors.push(
      'SLACK_BOT_TOKEN er sat, men SLACK_SIGNING_SECRET mangler: kopiér "Signing Secret" fra Slack-appens side "Basic Information".',
    );
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
    errors.push('SLACK_BOT_TOKEN skal være et bot-token, der begynder med "xoxb-" (ikke et bruger- eller app-token).');
  }
  if (slack) checkUrl(errors, 'SLACK_API_BASE_URL', config.SLACK_API_BASE_URL);

  if (config.TEAMS_APP_ID && !config.TEAMS_APP_PASSWORD) {
    errors.push(
      'TEAMS_APP_ID er sat, men TEAMS_APP_PASSWORD mangler: opret en client secret under Azure Bot → Configuration → "Manage Password".',
    );
  }
  if (config.TEAMS_APP_PASSWORD && !config.TEAMS_APP_ID) {
    errors.push(
      'TEAMS_APP_PASSWORD er sat, men TEAMS_APP_ID mangler: brug "Microsoft App ID" fra Azure Bot → Configuration.',
    );
  }
  if (config.TEAMS_APP_ID && !GUID.test(config.TEAMS_APP_ID)) {
    errors.push('TEAMS_APP_ID skal være et GUID (Microsoft App ID, fx 00000000-0000-0000-0000-000000000000).');
  }
  if (teamsBot) {
    checkUrl(errors, 'TEAMS_OPENID_METADATA_URL', config.TEAMS_OPENID_METADATA_URL);
    checkUrl(errors, 'TEAMS_TOKEN_URL', config.TEAMS_TOKEN_URL);
  }

  if (config.TEAMS_WEBHOOK_SECRET) {
    const key = fromBase64(config.TEAMS_WEBHOOK_SECRET);
    if (!key || key.length < 16) {
      errors.push(
        'TEAMS_WEBHOOK_SECRET er ikke gyldig base64: indsæt sikkerhedstokenet præcis som Teams viste det, da den udgående webhook blev oprettet.',
      );
    }
  }

  if ((slack || teamsBot || teamsWebhook) && !config.PUBLIC_BASE_URL) {
    errors.push(
      'PUBLIC_BASE_URL skal sættes, når Slack eller Teams er slået til, så kildehenvisninger bliver links, der kan åbnes (fx https://opi.example.dk).',
    );
  } else if (config.PUBLIC_BASE_URL && (slack || teamsBot || teamsWebhook) && !URL.canParse(config.PUBLIC_BASE_URL)) {
    errors.push(`PUBLIC_BASE_URL er ikke en gyldig URL: "${config.PUBLIC_BASE_URL}".`);
  }
  return errors;
}

/** Adds a message unless `value` is an https URL (http is accepted for localhost only). */
function checkUrl(errors: string[], name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push(`${name} er ikke en gyldig URL: "${value}".`);
    return;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    errors.push(`${name} skal bruge https (http kun for localhost): "${value}".`);
  }
}
