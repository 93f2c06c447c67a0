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
