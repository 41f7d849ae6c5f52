/* The commune field of the application forms: suggestions of real communes, with their eligibility, from the
   small JSON endpoint /candidature/communes/?q=… (markup: reseau/application_form.html). The server checks
   again: without JavaScript the mayor types the name and gets the same answer on submit. The managers' form
   (reseau/recruitment/application_form.html) asks where the candidate lives: no data-max-population there, so
   eligibility is not mentioned. */
(function () {
  "use strict";

  var box = document.querySelector("[data-commune-autocomplete]");
  if (!box) { return; }
  var input = box.querySelector("input");
  var list = box.querySelector("datalist");
  var status = box.querySelector(".commune-eligibility");
  var known = {};
  var timer = null;
  var lastQuery = "";

  var checksEligibility = box.dataset.maxPopulation !== undefined;

  function describe(commune) {
    if (!checksEligibility) { return commune.department; }
    var people = commune.population === null ? "population inconnue" : commune.population.toLocaleString("fr-FR") + " habitants";
    return commune.department + " · " + people + (commune.eligible ? " · éligible" : " · non éligible");
  }

  function showStatus() {
    var commune = known[input.value.trim()];
    if (!commune) { status.textContent = ""; status.className = "commune-eligibility"; return; }
    if (!checksEligibility) { status.textContent = commune.label + " : " + describe(commune) + "."; return; }
    if (commune.eligible) {
      status.textContent = commune.label + " : " + describe(commune) + ". La commune peut candidater.";
      status.className = "commune-eligibility commune-eligibility--ok";
    } else {
      status.textContent = commune.label + " compte " + (commune.population || "?") + " habitants : le réseau ouvre des cafés dans les communes de moins de " + box.dataset.maxPopulation + " habitants.";
      status.className = "commune-eligibility commune-eligibility--no";
    }
  }

  function suggest() {
    var value = input.value.trim();
    var query = value.replace(/\s*\([^)]*\)?$/, "");
    if (query.length < 2 || query === lastQuery || known[value]) { showStatus(); return; }
    lastQuery = query;
    fetch(box.dataset.url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        list.replaceChildren();
        data.communes.forEach(function (commune) {
          known[commune.label] = commune;
          var option = document.createElement("option");
          option.value = commune.label;
          option.label = describe(commune);
          list.appendChild(option);
        });
        showStatus();
      })
      .catch(function () { /* suggestions are a help: the server still checks the commune on submit */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  input.addEventListener("change", showStatus);
})();
