/** chart.js configurations for the Trends view. Only the pieces registered below are bundled. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { HourOfDayTrend, DayTrend } from '../../shared/history';
import { animation, themeColors } from './chart-theme';
import { labelWords, valenceWords } from './format';
import { labelColor } from './palette';
import { dayLabel, hourLabel, shareSeries, valenceLimit, valenceSeries, type TrendSpan } from './trend-data';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

/** A valence axis spanning ±limit, labelled in words at its ends and middle. */
function valenceAxis(limit: number, ticks: { color: string }, grid: { color: string }) {
  const words = (v: number): string =>
    v === 0 ? 'Neutral' : v >= limit ? 'More pleasant' : v <= -limit ? 'Less pleasant' : '';
  return {
    min: -limit,
    max: limit,
    ticks: { ...ticks, stepSize: limit, callback: (v: string | number) => words(Number(v)) },
    grid,
  };
}

function axes(canvas: HTMLCanvasElement) {
  const c = themeColors(canvas);
  const ticks = { color: c.text };
  const grid = { color: c.grid };
  return { c, ticks, grid };
}

/** Emotion shares by day as stacked bars (percent of the day's readings with a known label). */
export function sharesConfig(
  canvas: HTMLCanvasElement,
  days: readonly DayTrend[],
  span: TrendSpan,
): ChartConfiguration<'bar'> {
  const { c, ticks, grid } = axes(canvas);
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => dayLabel(d.day, span)),
      datasets: shareSeries(days).map((s) => ({
        label: labelWords(s.emotion),
        data: s.values,
        backgroundColor: labelColor(s.emotion),
        stack: 'shares',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      scales: {
        x: { stacked: true, ticks: { ...ticks, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: { stacked: true, min: 0, max: 100, ticks: { ...ticks, callback: (v) => `${String(v)}%` }, grid },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: c.text, boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${String(item.parsed.y)}%` } },
      },
    },
  };
}

/** Mean valence by day as a line; days without readings leave a gap. */
export function valenceConfig(
  canvas: HTMLCanvasElement,
  days: readonly DayTrend[],
  span: TrendSpan,
): ChartConfiguration<'line'> {
  const { c, ticks, grid } = axes(canvas);
  return {
    type: 'line',
    data: {
      labels: days.map((d) => dayLabel(d.day, span)),
      datasets: [
        {
          label: 'How pleasant',
          data: valenceSeries(days),
          borderColor: c.accent,
          backgroundColor: c.accent,
          borderWidth: 2,
          tension: 0.3,
          pointRadius: 3,
          spanGaps: false,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      scales: {
        x: { ticks: { ...ticks, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: valenceAxis(valenceLimit(valenceSeries(days)), ticks, grid),
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => valenceWords(Number(item.parsed.y)) } },
      },
    },
  };
}

/** Mean valence by hour of day as bars, pleasant up and unpleasant down. */
export function hoursConfig(canvas: HTMLCanvasElement, hours: readonly HourOfDayTrend[]): ChartConfiguration<'bar'> {
  const { c, ticks, grid } = axes(canvas);
  return {
    type: 'bar',
    data: {
      labels: hours.map((h) => hourLabel(h.hour)),
      datasets: [
        {
          label: 'How pleasant',
          data: hours.map((h) => h.meanValence),
          // The pleasantness scale's colours, as in the heatmap: green and red here read as Disgusted and Angry.
          backgroundColor: hours.map((h) => ((h.meanValence ?? 0) < 0 ? c.unpleasant : c.pleasant)),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      scales: {
        x: { ticks: { ...ticks, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: valenceAxis(valenceLimit(hours.map((h) => h.meanValence)), ticks, grid),
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const h = hours[item.dataIndex];
              return h && h.meanValence !== null ? valenceWords(h.meanValence) : 'nothing recorded';
            },
          },
        },
      },
    },
  };
}
