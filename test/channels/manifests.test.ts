import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('shipped app manifests', () => {
  it('Slack manifest asks for the scopes and events the routes need and points at them', () => {
    const manifest = parse(readFileSync('docs/slack-app-manifest.yaml', 'utf8'));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['app_mentions:read', 'chat:write', 'commands', 'im:history'].sort(),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://DIN-SERVER/slack/events');
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://DIN-SERVER/slack/interactions',
    });
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/opi',
      url: 'https://DIN-SERVER/slack/commands',
    });
  });

  it('Teams manifest template names the bot by its app id placeholder', () => {
    const manifest = JSON.parse(readFileSync('docs/teams-app/manifest.json', 'utf8'));
    expect(manifest.id).toBe('{{TEAMS_APP_ID}}');
    expect(manifest.bots[0].botId).toBe('{{TEAMS_APP_ID}}');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });
});
