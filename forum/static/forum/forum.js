/* The forum's small enhancements; every page works without them.
 * - @mention autocomplete on textareas marked data-mention-autocomplete (asks /forum/membres.json?q=).
 * - Live unread-notification count: the chat's websocket dispatches a "forum:notification" event on document
 *   (detail: {unread, text, url}) when the server rings the member's group; we update the header badge.
 */
(function () {
  "use strict";

  function currentMention(textarea) {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|[^\w@])@([\w.+-]{1,30})$/.exec(before);
    return match ? match[2] : null;
  }

  function setUp(textarea) {
    const list = document.createElement("ul");
    list.className = "mention-suggestions";
    list.id = textarea.id + "-mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Membres à mentionner");
    list.hidden = true;
    textarea.after(list);
    textarea.setAttribute("aria-controls", list.id);
    textarea.setAttribute("aria-autocomplete", "list");
    let active = -1;
    let timer = null;

    function choose(username) {
      const start = textarea.selectionStart;
      const before = textarea.value.slice(0, start).replace(/@[\w.+-]*$/, "@" + username + " ");
      textarea.value = before + textarea.value.slice(start);
      textarea.selectionStart = textarea.selectionEnd = before.length;
      list.hidden = true;
      textarea.focus();
    }

    function highlight(index) {
      const items = list.querySelectorAll("li");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", String(i === index)); });
      active = index;
    }

    function show(members) {
      list.replaceChildren();
      members.forEach(function (member, i) {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.id = list.id + "-" + i;
        item.dataset.username = member.identifiant;
        item.textContent = "@" + member.identifiant + " — " + member.nom;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(member.identifiant); });
        list.append(item);
      });
      list.hidden = members.length === 0;
      highlight(members.length ? 0 : -1);
    }

    textarea.addEventListener("input", function () {
      const query = currentMention(textarea);
      clearTimeout(timer);
      if (!query) { list.hidden = true; return; }
      timer = setTimeout(function () {
        fetch("/forum/membres.json?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { membres: [] }; })
          .then(function (data) { show(data.membres || []); })
          .catch(function () { list.hidden = true; });
      }, 150);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      const items = list.querySelectorAll("li");
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) { event.preventDefault(); choose(items[active].dataset.username); }
      else if (event.key === "Escape") { list.hidden = true; }
    });
    textarea.addEventListener("blur", function () { list.hidden = true; });
  }

  document.querySelectorAll("textarea[data-mention-autocomplete]").forEach(setUp);

  document.addEventListener("forum:notification", function (event) {
    const detail = event.detail || {};
    document.querySelectorAll("[data-notification-count]").forEach(function (badge) {
      if (typeof detail.unread === "number") { badge.textContent = String(detail.unread); }
    });
  });
})();
