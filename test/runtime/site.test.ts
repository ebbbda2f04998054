import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { cleanEnv, copyCorpus, removeTemps, tempDir, waitFor } from './helpers.js';

const OFF_TOPIC = 'Hvad koster en pizza i Rom?';

const VEJ_SITE = `name: Vejhjælpen
topic: vejarbejde og skilte
refusal: Det ved Vejhjælpen desværre ikke noget om.
advisor: en vejrådgiver
starters:
  - Hvornår må vi grave i vejen?
`;

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  removeTemps();
});

async function serve(siteYaml: string | undefined, env: Record<string, string> = {}) {
  const corpus = copyCorpus();
  if (siteYaml !== undefined) writeFileSync(join(corpus, '_meta', 'site.yaml'), siteYaml);
  const logger = new RecordingLogger();
  running = await startServer({
    env: cleanEnv({
      CORPUS_DIR: corpus,
      DATA_DIR: tempDir('opi-site-data-'),
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH_CORPUS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    }),
    logger,
  });
  const url = running.url;
  const ask = async (question: string) => {
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    return (await res.json()) as {
      answer: string;
      answered: boolean;
      escalation?: { message: string; contact: string };
    };
  };
  const text = async (path: string) => (await fetch(`${url}${path}`)).text();
  return { logger, ask, text, corpus };
}

describe('corpus/_meta/site.yaml on the Node server', () => {
  it('another name, topic and refusal change what /api/ask refusals, the full-page chat and /docs say (the widget: test/http/widget-site.test.ts)', async () => {
    const { ask, text } = await serve(VEJ_SITE);
    const refused = await ask(OFF_TOPIC);
    expect(refused.answered).toBe(false);
    expect(refused.answer).toMatch(
      /^Det ved Vejhjælpen desværre ikke noget om\. Du kan kontakte en vejrådgiver i sekretariatet/,
    );
    expect(refused.escalation?.message).toMatch(/^Vil du have hjælp fra en vejrådgiver\?/);

    const page = await text('/');
    expect(page).toContain('<title>Vejhjælpen</title>');
    expect(page).toContain('content="Stil spørgsmål om vejarbejde og skilte og få svar med kildehenvisninger."');
    expect(await text('/docs')).toContain('Vidensbasen om vejarbejde og skilte rummer');

    // the corpus's own titles may name OPI; what the help desk says of itself may not
    for (const said of [JSON.stringify(refused), page, await text('/openapi.json')]) {
      expect(said).not.toMatch(/OPI|offentlig-privat/);
    }
    expect(await text('/docs')).toContain('<title>Dokumenter – Vejhjælpen</title>');
  });

  it('a malformed site.yaml is logged with its path and field, and the defaults serve', async () => {
    const { ask, text, logger, corpus } = await serve('name: Vejhjælpen\nlanguage: fr\n');
    const problem = logger.at('error').find((l) => l.data?.event === 'site.invalid');
    expect(problem?.data).toMatchObject({ path: join(corpus, '_meta', 'site.yaml'), field: 'language' });
    expect(await text('/')).toContain('<title>OPI Helpdesk</title>');
    expect((await ask(OFF_TOPIC)).answer).toMatch(
      /^Det kan jeg desværre ikke svare på ud fra vidensbasen om offentlig-privat innovation \(OPI\)\./,
    );
  });

  it('an English site gives an English full-page chat, and CONTACT_TEXT still wins over the file', async () => {
    const { ask, text } = await serve(
      'language: en\nname: Docs Desk\ntopic: the Widget toolkit\ncontactText: Mail us.\n',
      {
        CONTACT_TEXT: 'Ring til sekretariatet.',
      },
    );
    const page = await text('/');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('data-lang="en"');
    expect(page).toContain('Docs Desk needs JavaScript.');
    const refused = await ask(OFF_TOPIC);
    expect(refused.answer).toBe(
      'Unfortunately the knowledge base about the Widget toolkit does not answer that. Ring til sekretariatet.',
    );
  });

  it('a running server reads a changed site.yaml again (file watch and re-index)', async () => {
    const { ask, corpus } = await serve(undefined, { WATCH_CORPUS: 'true' });
    expect((await ask(OFF_TOPIC)).answer).toMatch(/offentlig-privat innovation/);
    writeFileSync(join(corpus, '_meta', 'site.yaml'), VEJ_SITE);
    await waitFor(
      'the new refusal',
      async () => /^Det ved Vejhjælpen/.test((await ask(OFF_TOPIC)).answer),
      10_000,
      200,
    );
    writeFileSync(join(corpus, '_meta', 'site.yaml'), 'name: Igen\nrefusal: Det ved Igen ikke.\n');
    await running!.reindex();
    expect((await ask(OFF_TOPIC)).answer).toMatch(/^Det ved Igen ikke\./);
  });
});
