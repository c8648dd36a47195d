// Live progress of a crawl run: polls the run's progress.json and updates the counters in place
// until the run is over. No inline script: the page carries the URL in data attributes.
(function () {
  "use strict";

  var STATUS_LABELS = {
    queued: "排队中",
    running: "运行中",
    finished: "已完成",
    failed: "失败",
    cancelled: "已取消",
    interrupted: "已中断"
  };
  var COUNTERS = ["pages_fetched", "reports_new", "reports_changed", "reports_unchanged", "errors"];

  var panel = document.getElementById("run-progress");
  if (!panel) {
    return;
  }
  var url = panel.getAttribute("data-progress-url");
  var interval = parseInt(panel.getAttribute("data-poll-milliseconds"), 10) || 2000;
  var wasActive = panel.getAttribute("data-active") === "true";

  function field(name) {
    return document.querySelector('[data-field="' + name + '"]');
  }

  function setText(name, value) {
    var element = field(name);
    if (element && element.textContent !== String(value)) {
      element.textContent = String(value);
    }
  }

  function formatTime(iso) {
    if (!iso) {
      return "—";
    }
    var moment = new Date(iso);
    // Beijing time (UTC+8), as the server renders it.
    var shifted = new Date(moment.getTime() + 8 * 3600 * 1000);
    return shifted.toISOString().replace("T", " ").slice(0, 19);
  }

  function render(progress) {
    var status = field("status");
    if (status) {
      status.setAttribute("data-status", progress.status);
    }
    setText("status", STATUS_LABELS[progress.status] || progress.status);
    COUNTERS.forEach(function (name) {
      setText(name, progress[name]);
    });
    setText("finished_at", formatTime(progress.finished_at));
    setText("log", progress.log || "");
    panel.setAttribute("data-active", progress.active ? "true" : "false");
    if (!progress.active) {
      setText("live-note", "任务已结束。");
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        render(progress);
        if (progress.active) {
          window.setTimeout(poll, interval);
        } else if (wasActive) {
          // The run just ended: reload once to show the final failures list and actions.
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, interval * 2);
      });
  }

  if (wasActive) {
    window.setTimeout(poll, interval);
  }
})();
