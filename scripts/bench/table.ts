/** One line of the benchmark report. */
export interface Row {
  figure: string;
  value: string;
  note?: string;
}

const HEADER: Row = { figure: 'figure', value: 'value', note: 'note' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Renders rows as a Markdown table whose columns line up in a terminal too. */
export function formatTable(rows: readonly Row[]): string {
  const lines = [HEADER, ...rows].map((row) => [cell(row.figure), cell(row.value), cell(row.note ?? '')]);
  const widths = [0, 1, 2].map((column) => Math.max(3, ...lines.map((line) => line[column]?.length ?? 0)));
  const render = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [header = [], ...body] = lines;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...body.map(render)].join('\n');
}
