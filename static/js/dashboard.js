// Draws the dashboard charts from the JSON the page embeds (json_script "dashboard-data").
// Every chart repeats a table printed under it, so the page reads fine without this file.
/* global Chart */
"use strict";

(() => {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const locale = document.documentElement.lang || data.locale || "vi";
  const TARGET = "#6c757d"; // grey, dashed: the plan
  const RESULT = "#0d6efd"; // blue, solid: what was achieved

  const formatter = (decimals) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: decimals });

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#212529";

  const charts = [];
  data.charts.forEach((spec) => {
    const canvas = document.getElementById(spec.canvas);
    if (!canvas) {
      return;
    }
    const numbers = formatter(spec.decimals);
    const line = spec.kind === "line";
    const datasets = [
      {
        label: data.labels.result,
        data: spec.result,
        borderColor: RESULT,
        backgroundColor: line ? RESULT : "rgba(13, 110, 253, 0.75)",
        borderWidth: 2,
        pointStyle: "circle",
        pointRadius: 4,
        spanGaps: false,
      },
      {
        label: data.labels.target,
        data: spec.target,
        borderColor: TARGET,
        backgroundColor: line ? TARGET : "rgba(108, 117, 125, 0.35)",
        borderWidth: 2,
        borderDash: line ? [6, 4] : [],
        pointStyle: "rectRot",
        pointRadius: 5,
        spanGaps: false,
      },
    ];
    charts.push(
      new Chart(canvas, {
        type: spec.kind,
        data: { labels: spec.labels, datasets },
        options: {
          responsive: true,
          maintainAspectRatio: true,
          aspectRatio: 2,
          animation: false,
          devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
          locale,
          interaction: { mode: "index", intersect: false },
          scales: {
            y: {
              // Counts and bars start at zero so that heights compare; a rate's line may zoom.
              beginAtZero: spec.zero !== false,
              ...(spec.zero !== false ? { min: 0 } : {}),
              title: { display: Boolean(spec.unit), text: spec.unit },
              ticks: { callback: (value) => numbers.format(value) },
            },
          },
          plugins: {
            legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
            tooltip: {
              callbacks: {
                label: (item) =>
                  `${item.dataset.label}: ${item.raw === null ? "–" : numbers.format(item.raw)}`,
              },
            },
          },
        },
      }),
    );
  });

  // Printing: let the canvases take the printed width, then go back to the screen width.
  const resizeAll = () => charts.forEach((chart) => chart.resize());
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);

  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
})();
