import { describe, expect, it } from 'vitest';
import { convertAdmonitions } from '../../src/import/admonitions.js';
import { convertShortcodes } from '../../src/import/shortcodes.js';

const en = { language: 'en' as const };

describe('convertShortcodes', () => {
  it('turns a note into a block quote with a label in the document language', () => {
    const text = '{{< note >}}\nRestart the server.\n{{< /note >}}';
    expect(convertShortcodes(text, en).text.trim()).toBe('> **Note:** Restart the server.');
    expect(convertShortcodes(text, { language: 'da' }).text.trim()).toBe('> **Bemærk:** Restart the server.');
  });

  it('reads the type and title of alert-style admonitions from their parameters', () => {
    const text =
      '{{% alert color="warning" %}}\nBack up first.\n{{% /alert %}}\n{{< notice tip >}}Use it.{{< /notice >}}';
    const out = convertShortcodes(text, en).text;
    expect(out).toContain('> **Warning:** Back up first.');
    expect(out).toContain('> **Tip:** Use it.');
  });

  it('turns highlight into a fenced code block and leaves the code alone', () => {
    const text = '{{< highlight go "linenos=table" >}}\nfmt.Println("*a* [b](c.md) <i>")\n{{< /highlight >}}';
    expect(convertShortcodes(text, en).text.trim()).toBe('```go\nfmt.Println("*a* [b](c.md) <i>")\n```');
  });

  it('turns tabs into bold titles over their content', () => {
    const text =
      '{{< tabs >}}{{% tab name="Linux" %}}apt install x{{% /tab %}}{{% tab "macOS" %}}brew install x{{% /tab %}}{{< /tabs >}}';
    expect(
      convertShortcodes(text, en)
        .text.trim()
        .replace(/\n{3,}/g, '\n\n'),
    ).toBe('**Linux**\n\napt install x\n\n**macOS**\n\nbrew install x');
  });

  it('keeps a figure caption, and the image only when it is on the web', () => {
    expect(convertShortcodes('{{< figure src="a.png" caption="The dashboard" >}}', en).text.trim()).toBe(
      '_The dashboard_',
    );
    expect(convertShortcodes('{{< figure src="https://x.org/a.png" alt="Chart" >}}', en).text.trim()).toBe(
      '![Chart](https://x.org/a.png)\n\n_Chart_',
    );
  });

  it('inlines includes through the resolver and reports the missing ones', () => {
    const include = (target: string) =>
      target === 'shared/a.md' ? '---\ntitle: x\n---\nShared {{< note >}}text{{< /note >}}' : undefined;
    const result = convertShortcodes('Before.\n\n{{% include "shared/a.md" %}}\n\n{{< include "gone.md" >}}', {
      ...en,
      include,
    });
    expect(result.text).toContain('Shared');
    expect(result.text).toContain('> **Note:** text');
    expect(result.text).not.toContain('title: x');
    expect(result.included).toEqual(['shared/a.md']);
    expect(result.warnings).toEqual(['include fjernet, filen findes ikke i kilden: `gone.md`']);
  });

  it('leaves the target of ref and relref for the link rewriter', () => {
    expect(convertShortcodes('[Install]({{< relref "guides/install.md" >}})', en).text).toBe(
      '[Install](guides/install.md)',
    );
  });

  it('removes shortcodes of unclear meaning with one warning per file, keeping the content of paired ones', () => {
    const text =
      '{{< gist a 1 >}} {{< gist b 2 >}} {{< param "v" >}} {{< fancybox >}}Kept text{{< /fancybox >}} {{< broken';
    const result = convertShortcodes(text, en);
    expect(result.text).toContain('Kept text');
    expect(result.text).not.toMatch(/\{\{[<%]/);
    expect(result.warnings).toEqual([
      'shortcodes fjernet, fordi deres betydning ikke er klar: `{{< gist >}}` (2 gange), `{{< param >}}`, `{{< ufuldstændig >}}`',
      'ukendte shortcodes fjernet, deres indhold er bevaret: `{{< fancybox >}}`',
    ]);
  });

  it('removes template comments', () => {
    expect(convertShortcodes('a {{/* hidden */}} b', en).text).toBe('a  b');
  });
});

describe('convertAdmonitions', () => {
  it('turns Docusaurus, MkDocs and GitHub admonitions into labelled block quotes', () => {
    expect(convertAdmonitions(':::warning\nCareful.\n:::', 'en').trim()).toBe('> **Warning:** Careful.');
    expect(
      convertAdmonitions('!!! tip "Good to know"\n    Read once.\n\nAfter.', 'en')
        .trim()
        .replace(/\n{3,}/g, '\n\n'),
    ).toBe('> **Good to know:** Read once.\n\nAfter.');
    expect(convertAdmonitions('> [!NOTE]\n> Text.', 'da')).toBe('> **Bemærk:**\n> Text.');
  });

  it('leaves code blocks alone', () => {
    const code = '```\n:::note\nx\n:::\n```';
    expect(convertAdmonitions(code, 'en')).toBe(code);
  });
});

describe('escaped shortcodes (syntax shown as an example)', () => {
  it('become their inside as inline code, so no raw tag reaches a chunk', () => {
    const { text } = convertShortcodes('Write {{</* note */>}} to start a note, or {{%/* include "x.md" */%}}.', en);
    expect(text).toBe('Write `note` to start a note, or `include "x.md"`.');
    expect(text).not.toMatch(/\{\{[<%]/);
  });
});
