// The batch page's progress (of making the handouts, or of sending them): asks for the counts
// every 2 s and reloads the page once that has ended (for the download link, the failed rows,
// what was sent). Without it, the Refresh link does.
(function () {
  var counts = document.querySelector("p[data-status]");
  if (!counts) return;
  var bar = document.getElementById(counts.dataset.bar);
  function poll() {
    fetch(counts.dataset.status, { credentials: "same-origin" }).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (status.state !== counts.dataset.while) { window.location.reload(); return; }
      if (status.state === "waiting") { setTimeout(poll, 2000); return; }
      counts.textContent = counts.dataset.template.replace("%d", status.done).replace("%d", status.total).replace("%d", status.failed);
      bar.max = Math.max(status.total, 1);
      bar.value = status.done;
      setTimeout(poll, 2000);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();

// The batch page's columns: when a choice changes, the file is checked again with the choices
// and the count of rows that can be made (or what stops every row) is shown at once; the start
// waits for a usable choice. Without it, "Check again" does the same with a new page.
(function () {
  var form = document.getElementById("columns");
  if (!form) return;
  var count = document.getElementById("row-count");
  var problem = document.getElementById("columns-problem");
  var start = document.getElementById("start");
  var asked = 0;
  form.addEventListener("change", function (event) {
    if (event.target.tagName !== "SELECT") return;
    var mine = ++asked;
    fetch(form.dataset.count, {
      method: "POST", credentials: "same-origin", body: new URLSearchParams(new FormData(form))
    }).then(function (response) {
      return response.json();
    }).then(function (result) {
      if (mine !== asked) return;
      count.textContent = result.count;
      problem.textContent = result.problem || "";
      problem.hidden = !result.problem;
      problem.className = result.problem ? "error" : "";
      start.disabled = !!result.problem;
    }).catch(function () {});
  });
})();
