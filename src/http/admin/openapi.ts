import { errorResponses, jsonContent, type OpenApiPaths } from '../openapi.js';

const docIdParam = {
  name: 'docId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
};
const markdownBody = {
  required: true,
  content: {
    'text/markdown': { schema: { type: 'string', description: 'Hele filen: YAML-frontmatter og Markdown-tekst.' } },
  },
};
const auth =
  'Kræver `Authorization: Bearer $ADMIN_TOKEN` eller konsollens login-cookie (skrivninger med cookien kun fra egen Origin og som JSON/text/markdown). 404 når `ADMIN_TOKEN` ikke er sat.';
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});
const issue = object({ line: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } }, [
  'message',
]);
const invalidDocument = {
  description:
    'Dokumentet er ugyldigt og er ikke gemt: `{"error":{"code":"invalid_document","message":…,"details":{"issues":[{line, field, message}]}}}`.',
  ...jsonContent(
    object({
      error: object({
        code: { const: 'invalid_document' },
        message: { type: 'string' },
        details: object({ issues: { type: 'array', items: issue } }),
      }),
    }),
  ),
};
const saved = (description: string) => ({
  description,
  ...jsonContent(
    object({
      document: object({ docId: { type: 'string' }, path: { type: 'string' }, meta: { type: 'object' } }),
      warnings: { type: 'array', items: { type: 'string' } },
    }),
  ),
});

/** OpenAPI descriptions of the console's routes: sign-in (token and single sign-on), documents and import. */
export function adminOpenApiPaths(): OpenApiPaths {
  return {
    '/api/admin/session': {
      post: {
        summary: 'Log ind i konsollen',
        description:
          'Bytter admin-tokenet til en session-cookie (HttpOnly, SameSite=Strict, Secure over https, Path=/api/admin), der udløber efter `ADMIN_SESSION_HOURS`. Kun JSON fra tjenestens egen Origin.',
        operationId: 'adminSignIn',
        requestBody: {
          required: true,
          ...jsonContent(object({ token: { type: 'string' }, name: { type: 'string', maxLength: 100 } })),
        },
        responses: {
          '200': {
            description: 'Logget ind; cookien er sat.',
            ...jsonContent(object({ name: { type: 'string' }, expiresAt: { type: 'string' } })),
          },
          ...errorResponses(400, 401, 403, 404, 415),
        },
      },
      get: {
        summary: 'Hvem er logget ind',
        operationId: 'adminSession',
        responses: { '200': { description: 'Navn og udløb.' }, ...errorResponses(401, 404) },
      },
      delete: {
        summary: 'Log ud',
        operationId: 'adminSignOut',
        responses: {
          '204': { description: 'Sessionen er tilbagekaldt og cookien slettet.' },
          ...errorResponses(403, 404),
        },
      },
    },
    '/api/admin/oidc': {
      get: {
        summary: 'Single sign-on på login-siden',
        description: 'Knappens tekst og adresse, når `ADMIN_OIDC_ISSUER` er sat; ellers 404.',
        operationId: 'adminSsoOption',
        responses: {
          '200': {
            description: 'Single sign-on er slået til.',
            ...jsonContent(object({ text: { type: 'string' }, url: { type: 'string' } })),
          },
          ...errorResponses(404),
        },
      },
    },
    '/api/admin/oidc/login': {
      get: {
        summary: 'Log ind med organisationens login',
        description:
          'Sender browseren (302) til OpenID Connect-udbyderen med PKCE (S256), state og nonce, som gemmes i cookien `helpdesk_oidc` (HttpOnly, SameSite=Lax, Path=/api/admin/oidc, 10 minutter). Kan udbyderen ikke nås: 303 til `/admin?sso=unavailable`.',
        operationId: 'adminSsoLogin',
        responses: {
          '302': { description: 'Videre til udbyderen.' },
          '303': { description: 'Tilbage til `/admin?sso=unavailable`.' },
        },
      },
    },
    '/api/admin/oidc/callback': {
      get: {
        summary: 'Tilbage fra organisationens login',
        description:
          'Tjekker state, bytter koden (med PKCE-verifieren) og verificerer ID-tokenet (signatur mod JWKS, udsteder, modtager, nonce, udløb) og de tilladte brugere; sætter så session-cookien og sender til `/admin`. Afvist: 303 til `/admin?sso=expired|cancelled|denied|failed|unavailable`, uden cookie.',
        operationId: 'adminSsoCallback',
        responses: { '303': { description: 'Til `/admin` (logget ind) eller `/admin?sso=…` (afvist).' } },
      },
    },
    '/api/admin/documents': {
      get: {
        summary: 'Dokumenterne i vidensbasen (konsollen)',
        description: `Art, titel, updated, \`stale\` (ældre end \`STALE_AFTER_DAYS\`), problemer fra corpus:check og hvor mange spørgsmål i perioden der citerede dokumentet (fra spørgsmålsloggen). ${auth} 501 på Workers.`,
        operationId: 'adminListDocuments',
        parameters: [{ name: 'since', in: 'query', required: false, schema: { type: 'string', default: '30d' } }],
        responses: { '200': { description: 'Dokumentlisten.' }, ...errorResponses(400, 401, 404, 501) },
      },
    },
    '/api/admin/documents/{docId}': {
      get: {
        summary: 'Ét dokument som hel Markdown-fil, med historik',
        operationId: 'adminGetDocument',
        parameters: [docIdParam],
        responses: {
          '200': { description: '`{document: {…, markdown}, history}`.' },
          ...errorResponses(401, 404, 501),
        },
      },
      put: {
        summary: 'Gem et dokument',
        description: `Hele filen med \`Content-Type: text/markdown\`; valideres som korpusset (frontmatter og corpus:check) og skrives atomisk i \`CORPUS_DIR\`, hvor genindekseringen tager den. ${auth}`,
        operationId: 'adminPutDocument',
        parameters: [docIdParam],
        requestBody: markdownBody,
        responses: {
          '200': saved('Opdateret.'),
          '201': saved('Oprettet.'),
          '422': invalidDocument,
          ...errorResponses(400, 401, 403, 404, 413, 415, 501),
        },
      },
      delete: {
        summary: 'Slet et dokument',
        operationId: 'adminDeleteDocument',
        parameters: [docIdParam],
        responses: { '204': { description: 'Slettet.' }, ...errorResponses(401, 403, 404, 501) },
      },
    },
    '/api/admin/documents/{docId}/preview': {
      post: {
        summary: 'Forhåndsvis afsnittene, som de vil blive citeret',
        operationId: 'adminPreviewDocument',
        parameters: [docIdParam],
        requestBody: markdownBody,
        responses: {
          '200': { description: '`{chunks, issues, warnings}`.' },
          ...errorResponses(401, 403, 404, 415, 501),
        },
      },
    },
    '/api/admin/import': {
      post: {
        summary: 'Konvertér en fil til et dokumentudkast',
        description: `Én fil (.docx, .html, .md, .pdf, .txt) i multipart-feltet \`file\` gennem importkonverterne; intet gemmes. ${auth}`,
        operationId: 'adminImport',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: object({ file: { type: 'string', format: 'binary' } }),
            },
          },
        },
        responses: {
          '200': {
            description: 'Udkastet.',
            ...jsonContent(
              object({
                docId: { type: 'string' },
                markdown: { type: 'string' },
                warnings: { type: 'array', items: { type: 'string' } },
              }),
            ),
          },
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
  };
}
