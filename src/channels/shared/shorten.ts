/**
 * `text` unchanged when `fits(text)`; else its longest prefix, cut at a space or line break and
 * without a half link at the end, followed by a blank line and `note`, that `fits` (just `note`
 * when no prefix does). `fits` must turn false only as text grows.
 */
export function shortenToFit(text: string, fits: (candidate: string) => boolean, note: string): string {
  if (fits(text)) return text;
  const shortened = (n: number) => {
    const head = dropPartialLink(cutAtSpace(text.slice(0, n)));
    return head ? `${head}\n\n${note}` : note;
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(shortened(mid))) lo = mid;
    else hi = mid - 1;
  }
  return shortened(lo);
}

function cutAtSpace(text: string): string {
  const cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
  return (cut > text.length / 2 ? text.slice(0, cut) : text).trimEnd();
}

/** Drops an unfinished Slack `<url|label>` or Markdown `[label](url)` at the end of `text`. */
function dropPartialLink(text: string): string {
  return text.replace(/<[^>]*$|\[[^\]]*$|\[[^\]]*\]\([^)]*$/, '').trimEnd();
}
