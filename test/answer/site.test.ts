import { describe, expect, it } from 'vitest';
import { defaultMessages, notCoveredText, siteMessages } from '../../src/answer/messages.js';
import { DEFAULT_SITE, parseSite, siteTexts, withContact } from '../../src/answer/site.js';

describe('parseSite (corpus/_meta/site.yaml)', () => {
  it("without a file serves today's OPI texts", () => {
    const { site, problem } = parseSite(undefined);
    expect(problem).toBeUndefined();
    expect(site).toBe(DEFAULT_SITE);
    expect(site.language).toBe('da');
    expect(siteTexts(site).name).toBe('OPI Helpdesk');
    expect(notCoveredText(siteMessages(site))).toBe(
      'Det kan jeg desværre ikke svare på ud fra vidensbasen om offentlig-privat innovation (OPI). Du kan kontakte en OPI-rådgiver i sekretariatet, som kan hjælpe dig videre.',
    );
    expect(siteMessages(site).escalation).toBe(
      'Vil du have hjælp fra en OPI-rådgiver? Så send dit spørgsmål videre, så vender en person tilbage.',
    );
    expect(siteTexts(site, 'en').greeting).toMatch(/^Hi! Ask me about public-private innovation\./);
  });

  it('builds the texts a file leaves out from its name, topic and adviser, never from OPI', () => {
    const { site, problem } = parseSite('name: Vejhjælpen\ntopic: vejarbejde\nadvisor: en vejrådgiver\n');
    expect(problem).toBeUndefined();
    const da = siteTexts(site);
    expect(da).toMatchObject({
      name: 'Vejhjælpen',
      refusal: 'Det kan jeg desværre ikke svare på ud fra vidensbasen om vejarbejde.',
      greeting: 'Hej! Spørg mig om vejarbejde. Jeg svarer ud fra vidensbasen og viser altid kilderne.',
      escalation: 'Vil du have hjælp fra en vejrådgiver? Så send dit spørgsmål videre, så vender en person tilbage.',
      starters: [],
    });
    expect(siteTexts(site, 'en')).toMatchObject({ name: 'Vejhjælpen', topic: 'vejarbejde', advisor: 'an adviser' });
    expect(JSON.stringify(site)).not.toMatch(/OPI|offentlig-privat|public-private/);
  });

  it('takes an English site and its Danish translation', () => {
    const { site } = parseSite(
      [
        'language: en',
        'name: Docs Desk',
        'topic: the Widget toolkit',
        'translations:',
        '  da:',
        '    topic: Widget-værktøjet',
      ].join('\n'),
    );
    expect(site.language).toBe('en');
    expect(siteMessages(site).notCovered).toBe(
      'Unfortunately the knowledge base about the Widget toolkit does not answer that.',
    );
    expect(siteTexts(site, 'da').greeting).toBe(
      'Hej! Spørg mig om Widget-værktøjet. Jeg svarer ud fra vidensbasen og viser altid kilderne.',
    );
  });

  it('reports a malformed file with its path and field, and serves the defaults', () => {
    const wrongType = parseSite('name: Vejhjælpen\nlanguage: fr\n', 'corpus/_meta/site.yaml');
    expect(wrongType.site).toBe(DEFAULT_SITE);
    expect(wrongType.problem).toMatchObject({ path: 'corpus/_meta/site.yaml', field: 'language' });
    expect(wrongType.problem?.message).toMatch(/^corpus\/_meta\/site\.yaml: `language` .*Standardteksterne bruges/);

    const typo = parseSite('name: Vejhjælpen\ngreting: Hej\n');
    expect(typo.problem).toMatchObject({ field: 'greting' });
    expect(typo.problem?.message).toMatch(/`greting` er ikke et kendt felt/);

    const badStarter = parseSite('starters:\n  - ""\n');
    expect(badStarter.problem?.field).toBe('starters.0');

    const syntax = parseSite('name: [unclosed\n', 'x/site.yaml');
    expect(syntax.site).toBe(DEFAULT_SITE);
    expect(syntax.problem?.message).toMatch(/^x\/site\.yaml: YAML-syntaksfejl/);
  });

  it('lets CONTACT_TEXT and CONTACT_EMAIL win over the file', () => {
    const { site } = parseSite('contactText: Ring til os.\ncontactEmail: hjaelp@example.dk\n');
    const env = withContact(site, 'Skriv til sekretariatet.', 'sek@example.dk');
    expect(siteMessages(env)).toMatchObject({ contact: 'Skriv til sekretariatet.', contactEmail: 'sek@example.dk' });
    expect(siteMessages(site)).toMatchObject({ contact: 'Ring til os.', contactEmail: 'hjaelp@example.dk' });
    expect(defaultMessages('Kontakt os.').contact).toBe('Kontakt os.');
  });
});
