import { describe, expect, it } from 'vitest';
import { validateChannelConfig } from '../../src/channels/validate-config.js';
import { loadConfig } from '../../src/config.js';

const base = { PUBLIC_BASE_URL: 'https://opi.example.dk' };
const errorsFor = (env: Record<string, string>) => validateChannelConfig(loadConfig({ ...base, ...env }));

describe('validateChannelConfig', () => {
  it('accepts no channels, and fully configured channels', () => {
    expect(validateChannelConfig(loadConfig({}))).toEqual([]);
    expect(
      errorsFor({
        SLACK_SIGNING_SECRET: 's',
        SLACK_BOT_TOKEN: 'xoxb-1',
        TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
        TEAMS_APP_PASSWORD: 'p',
        TEAMS_WEBHOOK_SECRET: Buffer.alloc(32, 1).toString('base64'),
      }),
    ).toEqual([]);
  });

  it('names the missing half of a Slack configuration', () => {
    expect(errorsFor({ SLACK_SIGNING_SECRET: 's' })).toEqual([expect.stringMatching(/SLACK_BOT_TOKEN mangler/)]);
    expect(errorsFor({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/SLACK_SIGNING_SECRET mangler/)]);
    expect(errorsFor({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-1' })).toEqual([
      expect.stringMatching(/begynder med "xoxb-"/),
    ]);
  });

  it('names the missing half of a Teams bot configuration and a malformed app id', () => {
    expect(errorsFor({ TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555' })).toEqual([
      expect.stringMatching(/TEAMS_APP_PASSWORD mangler/),
    ]);
    expect(errorsFor({ TEAMS_APP_PASSWORD: 'p' })).toEqual([expect.stringMatching(/TEAMS_APP_ID mangler/)]);
    expect(errorsFor({ TEAMS_APP_ID: 'min-bot', TEAMS_APP_PASSWORD: 'p' })).toEqual([expect.stringMatching(/GUID/)]);
  });

  it('rejects a webhook secret that is not base64', () => {
    expect(errorsFor({ TEAMS_WEBHOOK_SECRET: 'ikke base64!' })).toEqual([expect.stringMatching(/ikke gyldig base64/)]);
  });

  it('requires a public base URL for source links once a channel is on', () => {
    expect(validateChannelConfig(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }))).toEqual([
      expect.stringMatching(/PUBLIC_BASE_URL skal sættes/),
    ]);
  });

  it('rejects a plain-http Slack API URL outside localhost', () => {
    expect(
      errorsFor({
        SLACK_SIGNING_SECRET: 's',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_API_BASE_URL: 'http://slack.example.com/api',
      }),
    ).toEqual([expect.stringMatching(/SLACK_API_BASE_URL skal bruge https/)]);
  });
});
