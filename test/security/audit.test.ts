import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Allowlist, AuditReport, findBlocking } from '../../scripts/audit.js';

const report = AuditReport.parse({
  auditReportVersion: 2,
  vulnerabilities: {
    'bad-lib': {
      name: 'bad-lib',
      severity: 'high',
      via: [
        {
          source: 1001,
          name: 'bad-lib',
          title: 'Prototype pollution',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'high',
        },
      ],
    },
    'uses-bad-lib': { name: 'uses-bad-lib', severity: 'high', via: ['bad-lib'] },
    'meh-lib': {
      name: 'meh-lib',
      severity: 'moderate',
      via: [
        {
          source: 1002,
          name: 'meh-lib',
          title: 'ReDoS',
          url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff',
          severity: 'moderate',
        },
      ],
    },
    'worse-lib': {
      name: 'worse-lib',
      severity: 'critical',
      via: [
        {
          source: 1003,
          name: 'worse-lib',
          title: 'RCE',
          url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii',
          severity: 'critical',
        },
      ],
    },
  },
});

describe('dependency audit (scripts/audit.ts)', () => {
  it('blocks every high or critical advisory that the allow-list does not cover, once each; moderate ones pass', () => {
    const { blocking } = findBlocking(report, { allow: [] }, '2026-01-01');
    expect(blocking.map((f) => [f.id, f.package, f.severity])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', 'bad-lib', 'high'],
      ['GHSA-gggg-hhhh-iiii', 'worse-lib', 'critical'],
    ]);
  });

  it('accepts a listed advisory until its expiry date, then blocks it again and reports the stale entry', () => {
    const allow = Allowlist.parse({
      allow: [
        {
          id: 'GHSA-aaaa-bbbb-cccc',
          package: 'bad-lib',
          reason: 'Kun brugt i byggetrinnet, aldrig med brugerdata.',
          expires: '2026-06-30',
        },
      ],
    });
    expect(findBlocking(report, allow, '2026-06-30').blocking.map((f) => f.package)).toEqual(['worse-lib']);
    const later = findBlocking(report, allow, '2026-07-01');
    expect(later.blocking.map((f) => f.package)).toEqual(['bad-lib', 'worse-lib']);
    expect(later.expired).toEqual(['GHSA-aaaa-bbbb-cccc (bad-lib, udløb 2026-06-30)']);
  });

  it('requires a reason and an expiry date for every allow-list entry', () => {
    expect(Allowlist.safeParse({ allow: [{ id: 'GHSA-x', package: 'p' }] }).success).toBe(false);
    expect(
      Allowlist.safeParse({ allow: [{ id: 'GHSA-x', package: 'p', reason: 'fordi det er fint', expires: 'aldrig' }] })
        .success,
    ).toBe(false);
  });

  it('ships a valid allow-list', () => {
    expect(Allowlist.safeParse(JSON.parse(readFileSync('docs/audit-allowlist.json', 'utf8'))).success).toBe(true);
  });
});
