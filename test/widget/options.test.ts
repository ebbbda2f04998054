import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR, parseOptions } from '../../src/widget/options.js';
import { textsFor } from '../../src/widget/texts.js';

const PAGE = 'https://intranet.kommune.dk/side/index.html';

describe('parseOptions', () => {
  it('defaults the API base to the folder the script came from, and everything else to Danish defaults', () => {
    const o = parseOptions({}, 'https://helpdesk.example.org/widget.js?v=3', PAGE);
    expect(o).toEqual({
      apiBase: 'https://helpdesk.example.org/',
      title: textsFor('da').title,
      greeting: textsFor('da').greeting,
      color: DEFAULT_COLOR,
      position: 'right',
      lang: 'da',
      mode: 'popup',
      starters: textsFor('da').starters,
    });
    expect(parseOptions({}, 'https://x.example/helpdesk/widget.js', PAGE).apiBase).toBe('https://x.example/helpdesk/');
  });

  it('reads every data- attribute', () => {
    const o = parseOptions(
      {
        apiBase: 'https://api.example.org/opi',
        title: 'Spørg OPI',
        greeting: 'Hej med dig',
        color: '#C00',
        position: 'left',
        lang: 'en',
        mode: 'page',
        starters: '["Et", "  To  ", 3, ""]',
        target: 'chat',
      },
      'https://cdn.example.org/widget.js',
      PAGE,
    );
    expect(o).toEqual({
      apiBase: 'https://api.example.org/opi/',
      title: 'Spørg OPI',
      greeting: 'Hej med dig',
      color: '#cc0000',
      position: 'left',
      lang: 'en',
      mode: 'page',
      starters: ['Et', 'To'],
      target: 'chat',
    });
  });

  it('falls back to defaults for invalid values and never accepts a non-http API base', () => {
    const o = parseOptions(
      { apiBase: 'javascript:alert(1)', color: 'red;x', position: 'top', lang: 'de', starters: '{bad json' },
      '/widget.js',
      PAGE,
    );
    expect(o.apiBase).toBe('https://intranet.kommune.dk/');
    expect(o.color).toBe(DEFAULT_COLOR);
    expect(o.position).toBe('right');
    expect(o.lang).toBe('da');
    expect(o.starters).toEqual(textsFor('da').starters);
  });
});
