import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ChartData } from './dashboard-data.ts';

// Only the parts the dashboard draws (bar charts with a legend): Chart.js tree-shakes the rest.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * Colours of the series, dark enough for 3:1 against white (WCAG 1.4.11) and told apart by
 * lightness as well as hue; every number is in the table beside the chart as well.
 */
const COLOURS = ['#1a3da5', '#0b7a75', '#a8480a'];

const euroFormat = new Intl.NumberFormat('de-DE', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** Draws a bar chart into a canvas; `horizontal` for long labels (titles of grants). */
export function drawBarChart(canvas: HTMLCanvasElement, data: ChartData, horizontal: boolean): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: COLOURS[index % COLOURS.length],
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: printing and people who prefer no motion get the final chart.
      animation: false,
      locale: 'de-DE',
      plugins: {
        legend: { position: 'bottom', labels: { color: '#1d2233' } },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${euroFormat.format(Number(item.raw))}` },
        },
      },
      scales: {
        [horizontal ? 'x' : 'y']: {
          beginAtZero: true,
          ticks: { color: '#1d2233', callback: (value) => euroFormat.format(Number(value)) },
        },
        [horizontal ? 'y' : 'x']: {
          ticks: {
            color: '#1d2233',
            callback(value) {
              const label = String(this.getLabelForValue(Number(value)));
              return label.length > 28 ? `${label.slice(0, 27)}…` : label;
            },
          },
        },
      },
    },
  });
}
