// A queued crawl request: polls its status.json until the scheduler has picked it and its run
// exists, then shows the link to the run's page. No inline script.
(function () {
  "use strict";

  var POLL_MILLISECONDS = 2000;
  var STATUS_LABELS = { queued: "排队中", running: "进行中", done: "已完成", failed: "失败" };

  var panel = document.getElementById("request-status");
  if (!panel) {
    return;
  }
  var url = panel.getAttribute("data-status-url");

  function field(name) {
    return panel.querySelector('[data-field="' + name + '"]');
  }

  function formatTime(iso) {
    if (!iso) {
      return "—";
    }
    var shifted = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    return shifted.toISOString().replace("T", " ").slice(0, 19);
  }

  function render(state) {
    field("status").textContent = STATUS_LABELS[state.status] || state.status;
    field("picked_at").textContent = formatTime(state.picked_at);
    field("finished_at").textContent = formatTime(state.finished_at);
    panel.setAttribute("data-status", state.status);
    if (state.run_url) {
      var cell = field("run");
      var link = document.createElement("a");
      link.href = state.run_url;
      link.textContent = "查看任务 #" + state.run_id;
      cell.replaceChildren(link);
    }
  }

  function finished(state) {
    return state.status === "done" || state.status === "failed";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        render(state);
        if (!finished(state)) {
          window.setTimeout(poll, POLL_MILLISECONDS);
        }
      })
      .catch(function () {
        window.setTimeout(poll, POLL_MILLISECONDS * 2);
      });
  }

  if (panel.getAttribute("data-status") !== "done" && panel.getAttribute("data-status") !== "failed") {
    window.setTimeout(poll, POLL_MILLISECONDS);
  }
})();
