// Draws the key-figures line chart of the year comparison from the JSON block named by the
// canvas's data-chart-source attribute. The same numbers are in the table below the chart.
(function () {
  "use strict";
  var COLORS = ["#b3261e", "#1f5fbf", "#1e6b3a", "#d79b00", "#6b3fa0", "#0f7c86"];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart-source"));
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var datasets = data.series.map(function (series, index) {
      var color = COLORS[index % COLORS.length];
      return {
        label: series.label,
        data: series.values,
        borderColor: color,
        backgroundColor: color,
        spanGaps: false,
        tension: 0.2,
        pointRadius: 4
      };
    });
    new window.Chart(canvas, {
      type: "line",
      data: { labels: data.years.map(function (y) { return y + "年"; }), datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.setAttribute("data-chart-ready", "true");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvases = document.querySelectorAll("canvas[data-chart-source]");
    for (var i = 0; i < canvases.length; i++) { draw(canvases[i]); }
  });
})();
