import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { OPI_SITE, SITE_TEMPLATES } from './site-defaults.js';

/** A UI language the help desk speaks. */
export const SiteLanguage = z.enum(['da', 'en']);
export type SiteLanguage = z.infer<typeof SiteLanguage>;

const text = (max: number) =>
  z.string().trim().min(1, 'må ikke være tom').max(max, `må højst være ${max} tegn`).optional();

/** The texts of one UI language as written in `site.yaml`; every field may be left out. */
const textFields = {
  /** The product's name: titles of the widget, the full-page chat and the document pages. */
  name: text(80),
  /** What the knowledge base is about, as it reads after "om"/"about": refusals, intro, page description. */
  topic: text(200),
  /** The page description of the full-page chat (`<meta name="description">`). */
  description: text(300),
  /** The widget's first message. */
  greeting: text(500),
  /** Said when the knowledge base does not cover a question (the contact text follows). */
  refusal: text(500),
  /** The offer of a person under a refusal. */
  escalation: text(500),
  /** How to reach a person (the `CONTACT_TEXT` variable overrides it). */
  contactText: text(500),
  /** Who answers escalations, with its article: "en rådgiver", "an adviser". */
  advisor: text(100),
  /** The team that receives escalations: "sekretariatet", "the secretariat". */
  team: text(100),
  /** Suggested first questions in the widget (at most six). */
  starters: z.array(z.string().trim().min(1).max(300)).max(6, 'højst 6 forslag').optional(),
};

/** One language's texts in `site.yaml` (`translations.<lang>`). */
export const SiteTextsFile = z.strictObject(textFields);
export type SiteTextsFile = z.infer<typeof SiteTextsFile>;

/** `corpus/_meta/site.yaml` as written: the product's identity. Unknown fields are errors (typos show). */
export const SiteFile = z.strictObject({
  ...textFields,
  /** The default UI language, and the language the texts above are written in. */
  language: SiteLanguage.optional(),
  /** E-mail for people who want a human (the `CONTACT_EMAIL` variable overrides it). */
  contactEmail: z.email('skal være en e-mailadresse').optional(),
  /** The texts for the other UI language, for pages and widgets that ask for it (`data-lang`). */
  translations: z.strictObject({ da: SiteTextsFile.optional(), en: SiteTextsFile.optional() }).optional(),
});
export type SiteFile = z.infer<typeof SiteFile>;

/** Every text of one UI language, resolved. */
export interface SiteTexts {
  name: string;
  topic: string;
  description: string;
  greeting: string;
  refusal: string;
  escalation: string;
  contactText: string;
  advisor: string;
  team: string;
  starters: string[];
}

/** The product's identity as served: the default UI language and the texts of each language. */
export interface Site {
  language: SiteLanguage;
  contactEmail?: string;
  texts: Record<SiteLanguage, SiteTexts>;
}

/** Why a `site.yaml` was not used: its path, the failing field (if one) and a Danish message. */
export interface SiteProblem {
  path: string;
  field?: string;
  message: string;
}

/** A read `site.yaml`: the site to serve, and the problem when the file was malformed (then `site` is the default). */
export interface SiteLoad {
  site: Site;
  problem?: SiteProblem;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(name|topic|advisor|team)\}/g, (_, key: string) => values[key] ?? '');
}

function textsOf(file: SiteFile, lang: SiteLanguage, language: SiteLanguage): SiteTexts {
  const { translations, language: _l, contactEmail: _e, ...own } = file;
  const given: SiteTextsFile =
    lang === language ? { ...own, ...translations?.[lang] } : { name: own.name, ...translations?.[lang] };
  const template: SiteTexts = SITE_TEMPLATES[lang];
  const values = {
    name: given.name ?? template.name,
    topic: given.topic ?? (lang === language ? undefined : own.topic) ?? template.topic,
    advisor: given.advisor ?? template.advisor,
    team: given.team ?? template.team,
  };
  const pick = (key: 'description' | 'greeting' | 'refusal' | 'escalation' | 'contactText') =>
    given[key] ?? fill(template[key], values);
  return {
    ...values,
    description: pick('description'),
    greeting: pick('greeting'),
    refusal: pick('refusal'),
    escalation: pick('escalation'),
    contactText: pick('contactText'),
    starters: given.starters ?? template.starters,
  };
}

/** The site a validated `site.yaml` describes; fields it leaves out get neutral texts built from its name and topic. */
export function resolveSite(file: SiteFile): Site {
  const language = file.language ?? 'da';
  return {
    language,
    ...(file.contactEmail ? { contactEmail: file.contactEmail } : {}),
    texts: { da: textsOf(file, 'da', language), en: textsOf(file, 'en', language) },
  };
}

/** The site served when there is no `site.yaml` (or it is malformed): today's OPI help desk. */
export const DEFAULT_SITE: Site = resolveSite(SiteFile.parse(OPI_SITE));

/**
 * Read `site.yaml`'s text (`undefined`: no file). Never throws: a malformed file gives the default site
 * and a problem naming `path` and the failing field, like the frontmatter checks.
 */
export function parseSite(yamlText: string | undefined, path = 'corpus/_meta/site.yaml'): SiteLoad {
  if (yamlText === undefined) return { site: DEFAULT_SITE };
  let raw: unknown;
  try {
    raw = parseYaml(yamlText.replace(/^\uFEFF/, ''), { prettyErrors: true });
  } catch (cause) {
    const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    return { site: DEFAULT_SITE, problem: { path, message: `${path}: YAML-syntaksfejl: ${message}` } };
  }
  const parsed = SiteFile.safeParse(raw ?? {});
  if (parsed.success) return { site: resolveSite(parsed.data) };
  const issue = parsed.error.issues[0];
  const field = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].join(
    '.',
  );
  const reason = issue?.code === 'unrecognized_keys' ? 'er ikke et kendt felt' : (issue?.message ?? 'er ugyldig');
  return {
    site: DEFAULT_SITE,
    problem: {
      path,
      ...(field ? { field } : {}),
      message: `${path}: ${field ? `\`${field}\`` : 'filen'} ${reason}. Standardteksterne bruges, til filen er rettet.`,
    },
  };
}

/** `site` with the contact text and e-mail the environment sets (`CONTACT_TEXT`, `CONTACT_EMAIL`) in its own language. */
export function withContact(site: Site, contactText?: string, contactEmail?: string): Site {
  if (!contactText && !contactEmail) return site;
  const own = site.texts[site.language];
  return {
    ...site,
    ...(contactEmail ? { contactEmail } : {}),
    texts: { ...site.texts, [site.language]: { ...own, ...(contactText ? { contactText } : {}) } },
  };
}

/** The texts of `lang` (default: the site's own language). */
export function siteTexts(site: Site, lang: SiteLanguage = site.language): SiteTexts {
  return site.texts[lang];
}
