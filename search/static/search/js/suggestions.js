// Autocomplete for every search box that carries data-suggestions (the endpoint's URL): after 2 letters,
// the titles the visitor may see fill a native <datalist>, so keyboards and screen readers work as usual.
// Without JavaScript the boxes are plain search fields.
(function () {
  "use strict";
  const MIN_LETTERS = 2;

  function attach(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let controller = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < MIN_LETTERS) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        const url = input.dataset.suggestions + "?q=" + encodeURIComponent(text);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren(...data.suggestions.map(function (suggestion) {
              const option = document.createElement("option");
              option.value = suggestion.texte;
              option.label = suggestion.type;
              return option;
            }));
          })
          .catch(function () { /* aborted by a newer keystroke, or offline: keep the field usable */ });
      }, 150);
    });
  }

  document.querySelectorAll("input[data-suggestions]").forEach(attach);
})();
