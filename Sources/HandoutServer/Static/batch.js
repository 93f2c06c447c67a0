// The batch page's progress: asks for the counts every 2 s and reloads the page once the run
// has finished (for the download link and the failed rows). Without it, the Refresh link does.
(function () {
  var counts = document.getElementById("counts");
  var bar = document.getElementById("bar");
  if (!counts || !counts.dataset.status) return;
  function poll() {
    fetch(counts.dataset.status, { credentials: "same-origin" }).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (status.state !== "running") { window.location.reload(); return; }
      counts.textContent = counts.dataset.template.replace("%d", status.done).replace("%d", status.total).replace("%d", status.failed);
      bar.max = Math.max(status.total, 1);
      bar.value = status.done;
      setTimeout(poll, 2000);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
