import { DEFAULT_SITE, type Site, siteTexts } from '../answer/site.js';
import type { Logger } from '../logger.js';
import type { Escalation } from '../store/store.js';

/** Where escalation notices go: a Slack or a Teams incoming webhook. */
export type WebhookKind = 'slack' | 'teams';

/** The logging the notifier needs: the part of the `Logger` port it uses. */
export type NotifierLogger = Pick<Logger, 'info' | 'warn'>;

export interface EscalationNotifierOptions {
  /** The incoming-webhook URL. It holds a secret: it is never logged. */
  url: string;
  kind: WebhookKind;
  logger: NotifierLogger;
  fetch?: typeof fetch;
  /** Public base URL of the help desk, for a link to the case in the admin API. */
  publicBaseUrl?: string;
  /** Give up on the webhook after this long (default 5 s). */
  timeoutMs?: number;
  /** The site as it is now (`site.yaml`): the notice names its team. Default: the default site. */
  site?: () => Site;
}

/** Sends a notice about a new escalation; resolves true when the webhook accepted it. Never rejects. */
export type EscalationNotifier = (escalation: Escalation) => Promise<boolean>;

/** The notice's title, naming the team of `site` that receives escalations. */
function noticeTitle(site: Site): string {
  return `Ny henvendelse til ${siteTexts(site, 'da').team}`;
}

/** The facts a notice shows. Contact details stay in the store: the notice only says whether they exist. */
function noticeFacts(e: Escalation, publicBaseUrl?: string): { label: string; value: string }[] {
  const contact = e.email || e.name ? 'angivet (se sagen)' : 'ingen';
  const facts = [
    { label: 'Kanal', value: e.channel },
    { label: 'Sag', value: e.reference },
    { label: 'Kontaktoplysninger', value: contact },
    { label: 'Samtale', value: `${e.conversation.length} beskeder` },
  ];
  if (publicBaseUrl) {
    facts.push({ label: 'Admin-API', value: `${publicBaseUrl.replace(/\/+$/, '')}/api/admin/escalations/${e.id}` });
  }
  return facts;
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A Slack incoming-webhook payload (`text` fallback plus Block Kit `blocks`). */
export function slackEscalationMessage(
  e: Escalation,
  publicBaseUrl?: string,
  site: Site = DEFAULT_SITE,
): { text: string; blocks: unknown[] } {
  const facts = noticeFacts(e, publicBaseUrl);
  const TITLE = noticeTitle(site);
  return {
    text: `${TITLE} (${e.reference}): ${clip(e.question, 200)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: TITLE, emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Spørgsmål*\n${escapeSlack(clip(e.question, 2900))}` } },
      {
        type: 'section',
        fields: facts.map((f) => ({ type: 'mrkdwn', text: `*${f.label}*\n${escapeSlack(f.value)}` })),
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Oprettet ${e.createdAt} · status ${e.status}` }],
      },
    ],
  };
}

/** A Teams incoming-webhook payload: a message carrying one Adaptive Card (works with Workflows and connectors). */
export function teamsEscalationMessage(
  e: Escalation,
  publicBaseUrl?: string,
  site: Site = DEFAULT_SITE,
): Record<string, unknown> {
  const facts = noticeFacts(e, publicBaseUrl);
  const TITLE = noticeTitle(site);
  return {
    type: 'message',
    summary: TITLE,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: TITLE, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: clip(e.question, 2900), wrap: true },
            { type: 'FactSet', facts: facts.map((f) => ({ title: f.label, value: f.value })) },
            { type: 'TextBlock', text: `Oprettet ${e.createdAt} · status ${e.status}`, isSubtle: true, wrap: true },
          ],
        },
      },
    ],
  };
}

/**
 * A notifier posting new escalations to a Slack or Teams incoming webhook.
 * Failures are logged (status or error name, never the URL) and reported as `false`.
 */
export function createEscalationNotifier(options: EscalationNotifierOptions): EscalationNotifier {
  const doFetch = options.fetch ?? fetch;
  return async (escalation) => {
    const site = options.site?.() ?? DEFAULT_SITE;
    const body =
      options.kind === 'slack'
        ? slackEscalationMessage(escalation, options.publicBaseUrl, site)
        : teamsEscalationMessage(escalation, options.publicBaseUrl, site);
    try {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      // Drain the body so the connection can be reused.
      await response.text().catch(() => '');
      if (!response.ok) {
        options.logger.warn('escalation webhook refused the notice', {
          event: 'escalation.notice_refused',
          kind: options.kind,
          status: response.status,
          escalationId: escalation.id,
        });
        return false;
      }
      options.logger.info('escalation notice sent', {
        event: 'escalation.notice_sent',
        kind: options.kind,
        escalationId: escalation.id,
      });
      return true;
    } catch (error) {
      options.logger.warn('escalation webhook unreachable', {
        event: 'escalation.notice_failed',
        kind: options.kind,
        error: error instanceof Error ? error.name : 'unknown',
        escalationId: escalation.id,
      });
      return false;
    }
  };
}
