/**
 * The pages of a PDF as Chromium writes it: one `/Type /Page` dictionary per page, in plain
 * text (Skia writes no object streams), and a page tree whose `/Count` says the same. Both are
 * counted, and they must agree, so a PDF this simple reading cannot handle fails loudly instead
 * of being miscounted. A PDF library would read any PDF; this reads the one kind the test makes.
 */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  if (text.includes('/ObjStm'))
    throw new Error('the PDF keeps objects in streams: count its pages with a PDF library');
  const pages = (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  const counts = [
    ...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g),
  ].map((match) => Number(match[1] ?? match[2]));
  const total = Math.max(0, ...counts);
  if (pages !== total) throw new Error(`the PDF has ${pages} page objects but its page tree counts ${total}`);
  return pages;
}
