import { micromark } from 'micromark';

/**
 * Markdown as HTML. micromark follows CommonMark and, by default, escapes raw HTML and drops
 * dangerous link protocols, so a report cannot inject markup or script into the page. Loaded
 * only with the concept page.
 */
export function MarkdownPreview({ markdown, label }: { markdown: string; label: string }) {
  return (
    <div
      className="markdown-preview"
      role="document"
      aria-label={label}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: micromark escapes HTML (allowDangerousHtml is off)
      dangerouslySetInnerHTML={{ __html: micromark(markdown) }}
    />
  );
}
