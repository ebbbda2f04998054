import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Composer } from '../answer/composer.js';
import { createExtractiveComposer } from '../answer/extractive.js';
import { createHelpdeskService, type HelpdeskService } from '../answer/helpdesk-service.js';
import { siteMessages } from '../answer/messages.js';
import type { Site } from '../answer/site.js';
import type { Snapshot } from '../answer/snapshot.js';
import type { Config } from '../config.js';
import { type Condensed, condenseQuestion } from '../retrieval/condense.js';
import type { Turn } from '../conversation.js';
import { splitSentences } from '../text/index.js';
import type { Analyzer } from '../text/types.js';

/** What the help desk is assembled from; each runtime supplies its own. */
export interface HelpdeskPorts {
  /** The snapshot answered from now; `undefined` while the first index loads. */
  snapshot: () => Snapshot | undefined;
  /** The analyzer queries use now (it changes when the corpus's synonyms change). */
  analyzer: () => Analyzer;
  /** The product's identity as it is now (`corpus/_meta/site.yaml`): refusal, contact and escalation texts. */
  site: () => Site;
  /** The configured chat model, if any: it condenses follow-up questions. */
  chatModel?: BaseChatModel;
  /**
   * The composer answers come from, given the extractive one and the analyzer's content terms (for the
   * citation check); the extractive composer itself when absent.
   */
  composer?: (extractive: Composer, terms: (text: string) => string[]) => Composer | Promise<Composer>;
}

/** Settings of the assembled help desk. */
export interface HelpdeskSettings {
  /** Public base URL for citation links ('' gives relative links). */
  baseUrl: string;
}

/** The public base URL used in citation links ('' gives relative links). */
export function baseUrlOf(config: Pick<Config, 'PUBLIC_BASE_URL'>): string {
  return (config.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
}

/**
 * Assemble the help desk — condense → retrieve → compose — from its ports: the extractive
 * composer speaking the site's texts, the composer over it, and the model condenser when a chat
 * model is configured. Node and Workers both build their help desk here.
 */
export async function createHelpdesk(ports: HelpdeskPorts, settings: HelpdeskSettings): Promise<HelpdeskService> {
  const { baseUrl } = settings;
  const extractive = createExtractiveComposer({
    get analyzer() {
      return ports.analyzer();
    },
    splitSentences,
    get messages() {
      return siteMessages(ports.site());
    },
    baseUrl,
  });
  const composer = ports.composer ? await ports.composer(extractive, (t) => ports.analyzer().terms(t)) : extractive;
  const lexicalCondense = async (q: string, h: Turn[]) => condenseQuestion(q, h, ports.analyzer());
  return createHelpdeskService({
    snapshot: ports.snapshot,
    composer,
    refusal: extractive,
    // without a chat model, a search pool composes the extractive answer where it retrieves
    ...(composer === extractive ? { extractiveMessages: () => siteMessages(ports.site()) } : {}),
    get analyzer() {
      return ports.analyzer();
    },
    baseUrl,
    ...(ports.chatModel ? { condense: await modelCondenser(ports.chatModel, lexicalCondense) } : {}),
  });
}

/**
 * Condense follow-ups with the chat model, falling back to `lexical`. Loaded only when a model is
 * configured: the chat modules pull in `@langchain/core`, which the default help desk does not need
 * at start-up.
 */
async function modelCondenser(model: BaseChatModel, lexical: (q: string, h: Turn[]) => Promise<Condensed>) {
  const { condenseWithModel, createCondenser } = await import('../answer/chat/condense.js');
  return condenseWithModel(createCondenser(model), lexical);
}
