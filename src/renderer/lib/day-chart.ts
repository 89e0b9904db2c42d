/**
 * The chart.js side of the Today view: mood per minute as a valence line, with check-ins, prompts and breaks
 * marked, and the chosen moment ringed. Time runs on a LinearScale of Unix ms with HH:MM labels (a TimeScale
 * would need a date adapter).
 */
import {
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { animation, themeColors, watchPreferences } from './chart-theme';
import type { DayMarker, MarkerKind } from './day-data';
import { clockTime, labelWords, percent, valenceWords } from './format';
import type { TimelinePoint, TimelineSeries, XBounds } from './timeline-data';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export interface DayChartData {
  series: TimelineSeries;
  markers: DayMarker[];
  bounds: XBounds;
  selected: TimelinePoint | null;
}

export interface DayChart {
  select(point: TimelinePoint | null): void;
  destroy(): void;
}

const VALENCE_TICKS: Record<string, string> = { '1': 'Pleasant', '0': 'Neutral', '-1': 'Unpleasant' };
const MARKER_STYLE: Record<MarkerKind, { style: 'rectRot' | 'triangle' | 'rect'; label: string }> = {
  'check-in': { style: 'rectRot', label: 'Check-ins' },
  prompt: { style: 'triangle', label: 'Prompts' },
  break: { style: 'rect', label: 'Breaks' },
};

type Line = ChartDataset<'line', { x: number; y: number | null }[]>;

function config(
  canvas: HTMLCanvasElement,
  data: DayChartData,
  onPick: (t: number) => void,
): ChartConfiguration<'line'> {
  const c = themeColors(canvas);
  const markerColor: Record<MarkerKind, string> = { 'check-in': c.accent, prompt: c.problem, break: c.ok };
  const markerSets: Line[] = (Object.keys(MARKER_STYLE) as MarkerKind[]).map((kind) => ({
    label: MARKER_STYLE[kind].label,
    data: data.markers.filter((m) => m.kind === kind).map(({ x, y }) => ({ x, y })),
    showLine: false,
    pointStyle: MARKER_STYLE[kind].style,
    pointRadius: 7,
    pointHoverRadius: 9,
    pointBackgroundColor: markerColor[kind],
    pointBorderColor: markerColor[kind],
  }));
  const byKind = (kind: MarkerKind): DayMarker[] => data.markers.filter((m) => m.kind === kind);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'How pleasant',
          data: data.series.valence,
          borderColor: c.line,
          borderWidth: 2,
          tension: 0.25,
          pointRadius: 2,
          pointHoverRadius: 5,
          pointBorderWidth: 0,
          pointBackgroundColor: data.series.colors,
        },
        ...markerSets,
        {
          label: 'Chosen moment',
          data: data.selected ? [{ x: data.selected.t, y: data.selected.valence }] : [],
          showLine: false,
          pointRadius: 9,
          pointHoverRadius: 9,
          pointBorderWidth: 3,
          pointBorderColor: c.accent,
          pointBackgroundColor: 'transparent',
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: animation(),
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      onClick: (event, _elements, chart) => {
        if (event.x === null) return;
        onPick(chart.scales.x!.getValueForPixel(event.x) ?? 0);
      },
      scales: {
        x: {
          type: 'linear',
          min: data.bounds.min,
          max: data.bounds.max,
          ticks: { stepSize: data.bounds.stepMs, color: c.text, callback: (v) => clockTime(Number(v)) },
          grid: { color: c.grid },
        },
        y: {
          type: 'linear',
          min: -1,
          max: 1,
          ticks: { stepSize: 1, color: c.text, callback: (v) => VALENCE_TICKS[String(v)] ?? '' },
          grid: { color: c.grid },
        },
      },
      plugins: {
        // The page draws its own legend (TimelineLegend), with the markers' shapes.
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? clockTime(Number(items[0].parsed.x)) : ''),
            label: (item) => {
              const kind = (Object.keys(MARKER_STYLE) as MarkerKind[])[item.datasetIndex - 1];
              if (kind) return byKind(kind)[item.dataIndex]?.words ?? '';
              const point = data.series.points[item.dataIndex];
              if (item.datasetIndex !== 0 || !point) return '';
              return `${labelWords(point.label)}, ${valenceWords(point.valence)} (${percent(point.confidence)} confidence)`;
            },
          },
        },
      },
    },
  };
}

/** Draws the day; `onPick` gets the time under a click (the view picks the nearest minute). */
export function createDayChart(canvas: HTMLCanvasElement, data: DayChartData, onPick: (t: number) => void): DayChart {
  let current = data;
  let chart = new Chart(canvas, config(canvas, current, onPick));
  const unwatch = watchPreferences(() => {
    chart.destroy();
    chart = new Chart(canvas, config(canvas, current, onPick));
  });
  return {
    select(point) {
      current = { ...current, selected: point };
      const ring = chart.data.datasets.at(-1);
      if (ring) ring.data = point ? [{ x: point.t, y: point.valence }] : [];
      chart.update('none');
    },
    destroy() {
      unwatch();
      chart.destroy();
    },
  };
}
