import { describe, expect, it } from 'vitest';
import { safeHref } from '../../src/widget/safe-url.js';

const BASE = 'https://helpdesk.example.org/';

describe('safeHref', () => {
  it('resolves relative source-viewer links against the API base', () => {
    expect(safeHref('/docs/opi-guide#forberedelse', BASE)).toBe(
      'https://helpdesk.example.org/docs/opi-guide#forberedelse',
    );
    expect(safeHref('docs/x', 'https://h.example/opi/')).toBe('https://h.example/opi/docs/x');
  });

  it('keeps http and https links', () => {
    expect(safeHref('https://example.org/a?b=1', BASE)).toBe('https://example.org/a?b=1');
    expect(safeHref('http://example.org/', BASE)).toBe('http://example.org/');
  });

  it('refuses javascript:, data:, vbscript: and other schemes, however they are disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '',
    ]) {
      expect(safeHref(url, BASE)).toBeUndefined();
    }
  });
});
