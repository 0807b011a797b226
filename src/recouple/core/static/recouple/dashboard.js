// The Today page's pictures, drawn with the vendored Chart.js from data the page carries.
// Each chart has a text summary beside it; without JavaScript the summaries still say it all.
(function () {
  "use strict";

  function data() {
    var node = document.getElementById("dashboard-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function shortDay(iso) {
    var parts = iso.split("-");
    var day = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    return day.toLocaleDateString(undefined, { day: "numeric", month: "short" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var charts = data();
    if (!charts || !window.Chart) return;
    var Chart = window.Chart;
    var primary = css("--primary", "#2c5f63");
    var muted = css("--muted", "#4a5a5f");
    var grid = css("--border", "rgba(29, 42, 46, 0.08)");
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    Chart.defaults.font.family = css("--font", "system-ui, sans-serif");
    Chart.defaults.color = muted;
    Chart.defaults.animation = still ? false : { duration: 400 };
    Chart.defaults.maintainAspectRatio = false;

    var make = {
      mood: function (canvas, d) {
        return new Chart(canvas, {
          type: "line",
          data: {
            labels: d.labels.map(shortDay),
            datasets: [
              {
                label: canvas.getAttribute("data-trend") || "Week average",
                data: d.trend,
                borderColor: primary,
                backgroundColor: "rgba(44, 95, 99, 0.10)",
                fill: true,
                spanGaps: true,
                tension: 0.35,
                // A point only where the line has no neighbour to draw to.
                pointRadius: function (c) {
                  var v = c.dataset.data;
                  var i = c.dataIndex;
                  return v[i] !== null && v[i - 1] == null && v[i + 1] == null ? 4 : 0;
                },
                borderWidth: 3
              },
              {
                label: canvas.getAttribute("data-daily") || "Each day",
                data: d.values,
                showLine: false,
                pointRadius: 3.5,
                pointBackgroundColor: "rgba(44, 95, 99, 0.45)",
                backgroundColor: "rgba(44, 95, 99, 0.45)",
                borderColor: "rgba(44, 95, 99, 0.45)",
                pointBorderWidth: 0
              }
            ]
          },
          options: {
            layout: { padding: { right: 8 } },
            plugins: { legend: { position: "bottom", labels: { boxHeight: 3 } } },
            scales: {
              y: { min: 1, max: 5, ticks: { stepSize: 1 }, grid: { color: grid } },
              x: { ticks: { maxTicksLimit: 6, maxRotation: 0 }, grid: { display: false } }
            }
          }
        });
      },
      urges: function (canvas, d) {
        return new Chart(canvas, {
          type: "bar",
          data: {
            labels: d.labels.map(shortDay),
            datasets: [
              { label: canvas.getAttribute("data-passed") || "Passed", data: d.passed, backgroundColor: "#4f9a7a", borderRadius: 4 },
              { label: canvas.getAttribute("data-other") || "Other", data: d.other, backgroundColor: "#d9a35b", borderRadius: 4 }
            ]
          },
          options: {
            plugins: { legend: { position: "bottom" } },
            scales: {
              x: { stacked: true, ticks: { maxTicksLimit: 6, maxRotation: 0 }, grid: { display: false } },
              y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, grid: { color: grid } }
            }
          }
        });
      }
    };

    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      if (make[kind] && charts[kind]) {
        make[kind](canvas, charts[kind]);
      }
    });
  });
})();
