/**
 * The chart.js side of the timeline. Only the pieces registered below are bundled. Time runs on a plain
 * LinearScale of Unix ms with HH:MM tick labels (a TimeScale would need a date adapter).
 */
import {
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type TooltipItem,
} from 'chart.js';
import { clockTime, labelWords, percent, valenceWords } from './format';
import type { CheckInMarker, TimelineSeries, XBounds } from './timeline-data';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export interface TimelineChart {
  update(series: TimelineSeries, bounds: XBounds, markers: CheckInMarker[]): void;
  destroy(): void;
}

const VALENCE_TICKS: Record<string, string> = { '1': 'Pleasant', '0': 'Neutral', '-1': 'Unpleasant' };

/** Theme colours come from CSS custom properties, so the chart follows the light and dark themes. */
function themeColors(element: Element): { text: string; grid: string; line: string; faint: string; accent: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--muted', '#5d6678'),
    grid: read('--border', '#e3e6ee'),
    line: read('--chart-line', '#8c96a8'),
    faint: read('--chart-faint', '#c3c8d2'),
    accent: read('--accent', '#3f6fd8'),
  };
}

export function createTimelineChart(
  canvas: HTMLCanvasElement,
  series: TimelineSeries,
  bounds: XBounds,
  markers: CheckInMarker[],
): TimelineChart {
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
  let current = series;
  let currentMarkers = markers;
  const colors = themeColors(canvas);

  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Valence',
          data: series.valence,
          yAxisID: 'y',
          borderColor: colors.line,
          borderWidth: 2,
          tension: 0.3,
          pointRadius: 3.5,
          pointHoverRadius: 6,
          pointBorderWidth: 0,
          pointBackgroundColor: series.colors,
        },
        {
          label: 'Confidence',
          data: series.confidence,
          yAxisID: 'confidence',
          borderColor: colors.faint,
          borderWidth: 1.5,
          borderDash: [4, 4],
          tension: 0.3,
          pointRadius: 0,
          pointHitRadius: 0,
        },
        {
          label: 'Check-ins',
          data: markers.map(({ x, y }) => ({ x, y })),
          yAxisID: 'y',
          showLine: false,
          pointStyle: 'rectRot',
          pointRadius: 7,
          pointHoverRadius: 9,
          pointBackgroundColor: colors.accent,
          pointBorderColor: colors.accent,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion.matches ? false : { duration: 250 },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: bounds.min,
          max: bounds.max,
          ticks: { stepSize: bounds.stepMs, color: colors.text, callback: (value) => clockTime(Number(value)) },
          grid: { color: colors.grid },
        },
        y: {
          type: 'linear',
          min: -1,
          max: 1,
          ticks: { stepSize: 1, color: colors.text, callback: (value) => VALENCE_TICKS[String(value)] ?? '' },
          grid: { color: colors.grid },
        },
        confidence: {
          type: 'linear',
          position: 'right',
          min: 0,
          max: 1,
          ticks: { stepSize: 0.5, color: colors.text, callback: (value) => percent(Number(value)) },
          grid: { display: false },
        },
      },
      plugins: {
        tooltip: {
          filter: (item: TooltipItem<'line'>) => item.datasetIndex !== 1,
          callbacks: {
            title: (items) => (items[0] ? clockTime(Number(items[0].parsed.x)) : ''),
            label: (item) => {
              if (item.datasetIndex === 2) return currentMarkers[item.dataIndex]?.words ?? '';
              const point = current.points[item.dataIndex];
              if (!point) return '';
              return `${labelWords(point.label)}, ${valenceWords(point.valence)} (${percent(point.confidence)} confidence)`;
            },
          },
        },
      },
    },
  };
  const chart = new Chart(canvas, config);

  const onMotionChange = (): void => {
    chart.options.animation = reducedMotion.matches ? false : { duration: 250 };
  };
  const onSchemeChange = (): void => {
    const next = themeColors(canvas);
    const [valence, confidence] = chart.data.datasets;
    if (valence) valence.borderColor = next.line;
    if (confidence) confidence.borderColor = next.faint;
    for (const scale of Object.values(chart.options.scales ?? {})) {
      if (!scale) continue;
      if (scale.ticks) scale.ticks.color = next.text;
      if (scale.grid && scale.grid.display !== false) scale.grid.color = next.grid;
    }
    chart.update('none');
  };
  reducedMotion.addEventListener('change', onMotionChange);
  darkScheme.addEventListener('change', onSchemeChange);

  return {
    update(next, nextBounds, nextMarkers) {
      current = next;
      currentMarkers = nextMarkers;
      const [valence, confidence, checkIns] = chart.data.datasets;
      if (checkIns) checkIns.data = nextMarkers.map(({ x, y }) => ({ x, y }));
      if (valence) {
        valence.data = next.valence;
        valence.pointBackgroundColor = next.colors;
      }
      if (confidence) confidence.data = next.confidence;
      const x = chart.options.scales?.x;
      if (x) {
        x.min = nextBounds.min;
        x.max = nextBounds.max;
        if (x.ticks && 'stepSize' in x.ticks) x.ticks.stepSize = nextBounds.stepMs;
      }
      chart.update();
    },
    destroy() {
      reducedMotion.removeEventListener('change', onMotionChange);
      darkScheme.removeEventListener('change', onSchemeChange);
      chart.destroy();
    },
  };
}
