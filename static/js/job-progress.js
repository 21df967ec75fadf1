// The progress bar of a background job's page (templates/organizations/jobs/job_detail.html):
// polls the job's JSON status every second and reloads the page, which then shows the result,
// once the job has finished. Without JavaScript the page offers a "Refresh" link instead.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job-progress");
  if (!box) {
    return;
  }
  const bar = box.querySelector("[data-job-bar]");
  const state = box.querySelector("[data-job-state]");
  const phase = box.querySelector("[data-job-phase]");
  const queuedHint = box.querySelector("[data-job-queued-hint]");
  const show = (percent) => {
    // Setting the width through the CSSOM is allowed by the CSP; a style attribute is not.
    bar.style.width = `${percent}%`;
    bar.textContent = `${percent} %`;
    bar.parentElement.setAttribute("aria-valuenow", percent);
  };
  show(Number(box.dataset.percent) || 0);
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const status = await response.json();
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status.percent);
        state.textContent = status.state_label;
        phase.textContent = status.phase_label;
        if (queuedHint && status.state !== "queued") {
          // The worker took the job: the hint about a worker that is not running no longer applies.
          queuedHint.hidden = true;
        }
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
});
