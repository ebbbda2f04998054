/**
 * Dependency audit for CI: runs `npm audit --omit=dev --json` and fails on any high or critical
 * advisory in a production dependency that `docs/audit-allowlist.json` does not list (with a
 * reason and an unexpired date). `--offline-ok` turns "the registry has no audit endpoint" into
 * a warning instead of a failure (for mirrors without `/-/npm/v1/security/advisories/bulk`).
 *
 * Exit codes: 0 clean, 1 unlisted advisories (or a bad allow-list), 2 audit could not run.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/** One accepted advisory. */
export const AllowEntry = z.strictObject({
  id: z.string().min(1),
  package: z.string().min(1),
  reason: z.string().min(10),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const Allowlist = z.object({ $comment: z.string().optional(), allow: z.array(AllowEntry) });
export type Allowlist = z.infer<typeof Allowlist>;

/** The fields of `npm audit --json` (report version 2) this script reads. */
const Via = z.union([
  z.string(),
  z.object({
    source: z.union([z.number(), z.string()]).optional(),
    name: z.string(),
    title: z.string().optional(),
    url: z.string().optional(),
    severity: z.string(),
  }),
]);
export const AuditReport = z.object({
  vulnerabilities: z
    .record(z.string(), z.object({ name: z.string(), severity: z.string(), via: z.array(Via) }))
    .default({}),
});
export type AuditReport = z.infer<typeof AuditReport>;

/** An advisory that blocks the build. */
export interface Finding {
  id: string;
  package: string;
  severity: string;
  title: string;
  url?: string;
}

const BLOCKING = new Set(['high', 'critical']);

/** The advisory id: the GHSA id from its URL, else npm's source number. */
function advisoryId(via: { source?: number | string; url?: string }): string {
  const ghsa = /GHSA-[\w-]+/i.exec(via.url ?? '')?.[0];
  return ghsa ?? String(via.source ?? 'ukendt');
}

/**
 * High/critical advisories of `report` not covered by an unexpired allow-list entry, and the
 * entries that have expired (which no longer cover anything).
 */
export function findBlocking(
  report: AuditReport,
  allowlist: Allowlist,
  today: string,
): { blocking: Finding[]; expired: string[] } {
  const valid = allowlist.allow.filter((e) => e.expires >= today);
  const expired = allowlist.allow
    .filter((e) => e.expires < today)
    .map((e) => `${e.id} (${e.package}, udløb ${e.expires})`);
  const seen = new Set<string>();
  const blocking: Finding[] = [];
  for (const vuln of Object.values(report.vulnerabilities)) {
    for (const via of vuln.via) {
      if (typeof via === 'string' || !BLOCKING.has(via.severity)) continue; // strings point at another entry
      const id = advisoryId(via);
      const key = `${id}|${via.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (valid.some((e) => (e.id === id || e.id === String(via.source)) && e.package === via.name)) continue;
      blocking.push({
        id,
        package: via.name,
        severity: via.severity,
        title: via.title ?? '',
        ...(via.url ? { url: via.url } : {}),
      });
    }
  }
  return { blocking, expired };
}

function runNpmAudit(): Promise<string> {
  return new Promise((resolve) => {
    // npm exits non-zero when it finds anything: the JSON on stdout is what counts
    execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (_err, stdout) =>
      resolve(stdout),
    );
  });
}

async function main(argv: string[]): Promise<number> {
  const offlineOk = argv.includes('--offline-ok');
  const listPath = 'docs/audit-allowlist.json';
  const parsedList = Allowlist.safeParse(JSON.parse(readFileSync(listPath, 'utf8')));
  if (!parsedList.success) {
    console.error(
      `${listPath} er ugyldig: ${parsedList.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    return 1;
  }
  const raw = await runNpmAudit();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const failed = json && typeof json === 'object' && ('error' in json || 'statusCode' in json);
  const report = AuditReport.safeParse(json);
  if (!json || failed || !report.success) {
    const why = failed ? JSON.stringify(json).slice(0, 300) : raw.slice(0, 300) || 'intet svar';
    console[offlineOk ? 'warn' : 'error'](
      `npm audit kunne ikke køre (registret har måske ikke audit-endpointet): ${why}`,
    );
    return offlineOk ? 0 : 2;
  }
  const { blocking, expired } = findBlocking(report.data, parsedList.data, new Date().toISOString().slice(0, 10));
  for (const e of expired) console.warn(`Udløbet undtagelse i ${listPath}: ${e} — genvurdér den.`);
  if (blocking.length === 0) {
    console.log('npm audit: ingen ukendte sårbarheder af høj eller kritisk alvor i produktionsafhængighederne.');
    return 0;
  }
  console.error(
    `npm audit: ${blocking.length} sårbarhed(er) af høj eller kritisk alvor, som ${listPath} ikke undtager:`,
  );
  for (const f of blocking)
    console.error(`  ${f.severity.padEnd(8)} ${f.package}  ${f.id}  ${f.title}${f.url ? `  ${f.url}` : ''}`);
  console.error(`Opdatér pakken, eller tilføj en begrundet post med udløbsdato i ${listPath}.`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
