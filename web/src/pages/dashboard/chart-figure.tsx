import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import { Panel } from '../../layout/panel.tsx';
import type { ChartData } from './dashboard-data.ts';

let library: Promise<typeof import('./charts.ts')> | undefined;

/**
 * The chart library, loaded by the dashboard only, once. The dashboard asks for it as soon as it
 * opens, so it downloads while the summary is on its way.
 */
export const chartLibrary = () => {
  library ??= import('./charts.ts');
  return library;
};

/**
 * A chart with its table beside it: the canvas is a picture for sighted readers (described by
 * its caption), the table holds the same numbers for screen readers and for copying into a
 * council paper. `onDrawn` reports when the chart is on screen.
 */
export function ChartFigure({
  id,
  title,
  data,
  horizontal = false,
  onDrawn,
  children,
}: {
  id: string;
  title: string;
  data: ChartData;
  horizontal?: boolean;
  onDrawn(): void;
  /** The table with the same numbers. */
  children: ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void chartLibrary().then(({ drawBarChart }) => {
      if (cancelled || !canvas.current) return;
      chart = drawBarChart(canvas.current, data, horizontal);
      drawn.current();
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [data, horizontal]);
  const height = horizontal ? Math.max(12, data.labels.length * 3 + 6) : 16;
  return (
    <Panel id={id} title={title} className="panel dashboard-section">
      <div className="chart-and-table">
        <figure className="chart" aria-labelledby={`${id}-beschreibung`}>
          <div className="chart__canvas" style={{ '--chart-height': `${height}rem` } as CSSProperties}>
            <canvas ref={canvas} role="img" aria-labelledby={`${id}-beschreibung`} />
          </div>
          <figcaption className="kern-body kern-body--small" id={`${id}-beschreibung`}>
            {`Diagramm: ${title}. Die Zahlen stehen in der Tabelle daneben.`}
          </figcaption>
        </figure>
        <div className="chart-and-table__table">{children}</div>
      </div>
    </Panel>
  );
}
