/**
 * Apply `edit` to the parts of Markdown that are prose: everything outside fenced code blocks
 * (``` and ~~~). Fenced blocks, fences included, are passed through unchanged.
 */
export function editProse(markdown: string, edit: (prose: string) => string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (prose.length) out.push(edit(prose.join('\n')));
    prose = [];
  };
  for (const line of lines) {
    const match = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (match && match[1]!.startsWith(fence)) fence = undefined;
    } else if (match) {
      flush();
      fence = match[1]!;
      out.push(line);
    } else {
      prose.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** Apply `edit` to prose outside inline code spans (`` `code` ``) as well. */
export function editOutsideCode(markdown: string, edit: (prose: string) => string): string {
  return editProse(markdown, (prose) =>
    prose
      .split(/(`+[^`\n]*`+)/)
      .map((part, i) => (i % 2 === 1 ? part : edit(part)))
      .join(''),
  );
}
