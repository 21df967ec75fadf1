// The nomination form without guesswork: only the awards the chosen campaign accepts are offered,
// and only the nominee field (person or unit) the chosen award can receive stays enabled.
// Progressive enhancement: without it every option shows and the server checks the combination.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const campaign = document.querySelector("select[data-nomination-campaign]");
  const award = document.querySelector("select[data-nomination-award]");
  // The nominee boxes are lookups (static/js/lookup.js): text boxes holding a code.
  const person = document.querySelector("[data-nomination-person]");
  const unit = document.querySelector("[data-nomination-unit]");
  if (!campaign || !award) {
    return;
  }

  const setEnabled = (box, enabled) => {
    if (!box) {
      return;
    }
    box.disabled = !enabled;
    if (!enabled && box.value) {
      box.value = "";
      // Tells the lookup, which forgets the name it showed for the code.
      box.dispatchEvent(new Event("input"));
    }
  };

  const narrowAwards = () => {
    const chosen = campaign.value;
    award.querySelectorAll("option[data-campaigns]").forEach((option) => {
      const offered = !chosen || option.dataset.campaigns.split(" ").includes(chosen);
      option.hidden = !offered;
      option.disabled = !offered;
      if (!offered && option.selected) {
        award.value = "";
      }
    });
  };

  const matchNominee = () => {
    const option = award.selectedOptions[0];
    const recipient = option ? option.dataset.recipient : undefined;
    setEnabled(person, recipient !== "collective");
    setEnabled(unit, recipient !== "individual");
  };

  campaign.addEventListener("change", () => {
    narrowAwards();
    matchNominee();
  });
  award.addEventListener("change", matchNominee);
  narrowAwards();
  matchNominee();
});
