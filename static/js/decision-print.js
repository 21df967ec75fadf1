// The "Print" button of a decision: the browser's own print dialog (CSP forbids inline handlers).
document.querySelectorAll("[data-decision-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
