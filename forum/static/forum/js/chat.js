/* The chat made live (forum/consumers.py speaks the other end). Without this file the page is a history with
 * a plain form; with it, the same form sends over the websocket.
 *
 * Nothing lost: every message carries a client_id generated here and stays "pending" until the server's ack,
 * so a drop means a resend, which the server recognises; every message carries its room's sequence number,
 * so a missing one (the channel layer drops at most once) is fetched from history; on reconnect the tab
 * subscribes with the last number it holds and receives everything after it. */
(function () {
  "use strict";

  var root = document.querySelector("[data-chat]");
  if (!root || !window.WebSocket || !window.JSON || root.dataset.before) { return; }

  var room = root.dataset.room;
  var me = root.dataset.username;
  var maxBytes = parseInt(root.dataset.maxFrameBytes, 10) || 16384;
  var log = root.querySelector("[data-chat-log]");
  var form = root.querySelector("[data-chat-form]");
  var textarea = form.querySelector("textarea");
  var clientIdField = form.querySelector("input[name=client_id]");
  var statusBox = root.querySelector("[data-chat-status]");
  var typingBox = root.querySelector("[data-chat-typing]");
  var presenceBox = root.querySelector("[data-chat-presence]");
  var notificationsBox = root.querySelector("[data-chat-notifications]");
  var olderLink = root.querySelector("[data-chat-older]");
  var encoder = window.TextEncoder ? new TextEncoder() : null;

  var socket = null;
  var ready = false;
  var attempts = 0;
  var heartbeatTimer = null;
  var syncing = false;
  var pending = [];          // [{client_id, body, element}] in the order typed
  var typers = {};           // username -> timer
  var lastTypingSent = 0;
  var lastReadSent = 0;
  var stopped = false;

  var lastSeq = 0;           // highest number held with nothing missing below it (since the page's first)
  Array.prototype.forEach.call(log.querySelectorAll("[data-seq]"), function (item) {
    lastSeq = Math.max(lastSeq, parseInt(item.dataset.seq, 10));
  });

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function status(text, isError) {
    statusBox.textContent = text || "";
    statusBox.classList.toggle("chat-status--error", !!isError);
  }

  var RESENDING = "Reconnecté : envoi des messages en attente…";

  /* Live delivery is back (subscribed again, or resynced after the server's channel layer returned): the
   * "reconnecting" notice goes, unless typed messages are still on their way. */
  function live() {
    status(pending.length ? RESENDING : "");
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /* Rendering ---------------------------------------------------------------------------------------- */

  function formatTime(iso) {
    var date = new Date(iso);
    return date.toLocaleString("fr-FR", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  }

  function buildItem(message) {
    var item = document.createElement("li");
    item.className = "chat-message" + (message.deleted ? " chat-message--deleted" : "");
    item.id = "message-" + message.seq;
    item.dataset.seq = message.seq;
    item.dataset.id = message.id;
    item.dataset.author = message.author.username;
    item.dataset.editableUntil = message.editable_until;
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    var name = document.createElement("strong");
    name.textContent = message.author.name;
    var time = document.createElement("time");
    time.dateTime = message.created_at;
    time.textContent = formatTime(message.created_at);
    meta.appendChild(name);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(time);
    if (message.edited && !message.deleted) {
      var edited = document.createElement("span");
      edited.className = "chat-message__edited";
      edited.textContent = " (modifié)";
      meta.appendChild(edited);
    }
    var body = document.createElement("div");
    body.className = "chat-message__body";
    if (message.deleted) {
      var em = document.createElement("em");
      em.textContent = "Message supprimé";
      body.appendChild(em);
    } else {
      body.innerHTML = message.html; /* sanitised by the server (nh3), see forum/chat_markup.py */
    }
    item.appendChild(meta);
    item.appendChild(body);
    addActions(item, message.body);
    return item;
  }

  function addActions(item, rawBody) {
    if (item.dataset.author !== me || item.classList.contains("chat-message--deleted")) { return; }
    if (new Date(item.dataset.editableUntil) < new Date()) { return; }
    var meta = item.querySelector(".chat-message__meta");
    var actions = document.createElement("span");
    actions.className = "chat-message__actions";
    var edit = document.createElement("button");
    edit.type = "button";
    edit.className = "link-button";
    edit.textContent = "Modifier";
    edit.setAttribute("aria-label", "Modifier le message n°" + item.dataset.seq);
    edit.addEventListener("click", function () { startEdit(item, rawBody); });
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link-button";
    remove.textContent = "Supprimer";
    remove.setAttribute("aria-label", "Supprimer le message n°" + item.dataset.seq);
    remove.addEventListener("click", function () {
      if (window.confirm("Supprimer ce message ?")) { send({ type: "delete", id: parseInt(item.dataset.id, 10) }); }
    });
    actions.appendChild(edit);
    actions.appendChild(remove);
    meta.appendChild(actions);
  }

  function startEdit(item, rawBody) {
    var body = item.querySelector(".chat-message__body");
    var editor = document.createElement("form");
    editor.className = "chat-edit";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = "edition-" + item.dataset.id;
    label.textContent = "Modifier le message";
    var field = document.createElement("textarea");
    field.id = "edition-" + item.dataset.id;
    field.rows = 2;
    field.value = rawBody;
    var save = document.createElement("button");
    save.type = "submit";
    save.textContent = "Enregistrer";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link-button";
    cancel.textContent = "Annuler";
    cancel.addEventListener("click", function () { editor.replaceWith(body); });
    editor.addEventListener("submit", function (event) {
      event.preventDefault();
      if (send({ type: "edit", id: parseInt(item.dataset.id, 10), body: field.value })) { editor.replaceWith(body); }
    });
    editor.appendChild(label);
    editor.appendChild(field);
    editor.appendChild(save);
    editor.appendChild(cancel);
    body.replaceWith(editor);
    field.focus();
  }

  function insert(message, replace) {
    if (message.room !== room) { return; }
    var empty = log.querySelector("[data-chat-empty]");
    if (empty) { empty.remove(); }
    var existing = log.querySelector('[data-seq="' + message.seq + '"]');
    if (existing) {
      if (replace) { existing.replaceWith(buildItem(message)); }
      return;
    }
    var item = buildItem(message);
    var next = null;
    var items = log.querySelectorAll("[data-seq]");
    for (var i = 0; i < items.length; i += 1) {
      if (parseInt(items[i].dataset.seq, 10) > message.seq) { next = items[i]; break; }
    }
    var pendingFirst = log.querySelector(".chat-message--pending");
    log.insertBefore(item, next || pendingFirst);
    if (!next) { log.scrollTop = log.scrollHeight; }
  }

  function advance() {
    while (log.querySelector('[data-seq="' + (lastSeq + 1) + '"]')) { lastSeq += 1; }
  }

  function receive(message) {
    insert(message, false);
    advance();
    if (message.seq > lastSeq) { sync(); }      // a number is missing: fetch from history
    markRead();
  }

  function sync() {
    if (!syncing && ready && send({ type: "history", room: room, after: lastSeq })) { syncing = true; }
  }

  function markRead() {
    if (document.hidden || lastSeq <= lastReadSent) { return; }
    if (send({ type: "read", room: room, seq: lastSeq })) { lastReadSent = lastSeq; }
  }

  function setUnread(slug, count) {
    var badge = root.querySelector('[data-unread="' + slug + '"]');
    if (badge) {
      badge.firstChild.nodeValue = String(count);
      badge.hidden = !count;
    }
  }

  function bumpUnread(slug) {
    var badge = root.querySelector('[data-unread="' + slug + '"]');
    if (badge) { setUnread(slug, (parseInt(badge.firstChild.nodeValue, 10) || 0) + 1); }
  }

  function showPresence(online) {
    var names = online.map(function (person) { return person.name; });
    presenceBox.hidden = names.length === 0;
    presenceBox.textContent = names.length ? "En ligne : " + names.join(", ") : "";
  }

  function showTyping(user) {
    if (user.username === me) { return; }
    clearTimeout(typers[user.username] && typers[user.username].timer);
    typers[user.username] = { name: user.name, timer: setTimeout(function () {
      delete typers[user.username];
      renderTyping();
    }, 4000) };
    renderTyping();
  }

  function renderTyping() {
    var names = Object.keys(typers).map(function (key) { return typers[key].name; });
    typingBox.textContent = names.length === 0 ? "" :
      names.join(", ") + (names.length > 1 ? " écrivent…" : " écrit…");
  }

  /* Sending ------------------------------------------------------------------------------------------ */

  function pendingItem(entry) {
    var item = document.createElement("li");
    item.className = "chat-message chat-message--pending";
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    meta.textContent = "Envoi en cours…";
    var body = document.createElement("div");
    body.className = "chat-message__body";
    body.textContent = entry.body;
    item.appendChild(meta);
    item.appendChild(body);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function flushPending() {
    pending.forEach(function (entry) { send({ type: "message", room: room, client_id: entry.client_id, body: entry.body }); });
  }

  function settle(clientId) {
    pending = pending.filter(function (entry) {
      if (entry.client_id !== clientId) { return true; }
      entry.element.remove();
      return false;
    });
    if (!pending.length && statusBox.textContent === RESENDING) { status(""); }
  }

  form.addEventListener("submit", function (event) {
    if (!ready) { return; }                 // no live connection: the plain form posts and the page reloads
    event.preventDefault();
    var body = textarea.value.trim();
    if (!body) { status("Le message est vide.", true); textarea.focus(); return; }
    var entry = { client_id: clientIdField.value || uuid(), body: body };
    var frame = JSON.stringify({ type: "message", room: room, client_id: entry.client_id, body: body });
    var size = encoder ? encoder.encode(frame).length : frame.length;
    if (size > maxBytes) {
      status("Message trop long : " + maxBytes + " octets au plus. Raccourcissez-le, il reste dans le champ.", true);
      return;
    }
    entry.element = pendingItem(entry);
    pending.push(entry);
    send({ type: "message", room: room, client_id: entry.client_id, body: body });
    textarea.value = "";
    clientIdField.value = uuid();
    status("");
  });

  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  textarea.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent > 3000 && textarea.value.trim()) {
      lastTypingSent = now;
      send({ type: "typing", room: room });
    }
  });

  if (olderLink) {
    olderLink.addEventListener("click", function (event) {
      if (!ready) { return; }
      event.preventDefault();
      var first = log.querySelector("[data-seq]");
      send({ type: "history", room: room, before: first ? parseInt(first.dataset.seq, 10) : lastSeq + 1 });
    });
  }

  document.addEventListener("visibilitychange", markRead);

  /* Frames from the server --------------------------------------------------------------------------- */

  var handlers = {
    ready: function (frame) {
      Object.keys(frame.unread || {}).forEach(function (slug) { if (slug !== room) { setUnread(slug, frame.unread[slug]); } });
      clearInterval(heartbeatTimer);
      heartbeatTimer = setInterval(function () { send({ type: "heartbeat" }); }, (frame.heartbeat_seconds || 20) * 1000);
      send({ type: "subscribe", room: room, after: lastSeq });
    },
    subscribed: function () {
      ready = true;
      root.dataset.state = "connecte";
      attempts = 0;
      live();
    },
    history: function (frame) {
      if (frame.before !== undefined && frame.before !== null) {
        var first = log.querySelector("[data-seq]");
        frame.messages.slice().reverse().forEach(function (message) {
          var item = buildItem(message);
          log.insertBefore(item, log.querySelector("[data-seq]"));
        });
        if (olderLink && (frame.messages.length === 0 || frame.messages[0].seq <= 1)) { olderLink.parentNode.remove(); olderLink = null; }
        if (first) { first.scrollIntoView({ block: "nearest" }); }
        return;
      }
      frame.messages.forEach(function (message) { insert(message, true); });
      advance();
      if (frame.complete !== false) {
        syncing = false;
        flushPending();
        markRead();
      }
    },
    ack: function (frame) {
      settle(frame.client_id);
      receive(frame.message);
    },
    message: function (frame) {
      settle(frame.message.client_id);
      receive(frame.message);
      if (typers[frame.message.author.username]) {
        clearTimeout(typers[frame.message.author.username].timer);
        delete typers[frame.message.author.username];
        renderTyping();
      }
    },
    update: function (frame) { insert(frame.message, true); },
    activity: function (frame) { bumpUnread(frame.room); },
    unread: function (frame) { setUnread(frame.room, frame.count); },
    typing: function (frame) { showTyping(frame.user); },
    presence: function (frame) { showPresence(frame.online); },
    heartbeat: function (frame) {
      var state = frame.rooms && frame.rooms[room];
      if (!state) { return; }
      showPresence(state.online);
      if (state.last_seq > lastSeq) { sync(); }
    },
    resync: function () { live(); sync(); },
    notification: function (frame) {
      var note = document.createElement("p");
      var link = document.createElement("a");
      link.href = frame.notification.url || "#";
      link.textContent = frame.notification.text || "Nouvelle notification";
      note.appendChild(link);
      notificationsBox.appendChild(note);
      // The forum's script updates the header's unread badge from this event.
      document.dispatchEvent(new CustomEvent("forum:notification", { detail: frame.notification }));
    },
    error: function (frame) {
      if (frame.code === "trop_de_messages") {
        status(frame.message, true);
        setTimeout(flushPending, (frame.retry_after || 5) * 1000);
        return;
      }
      if (frame.client_id) {            // refused message: put the text back so nothing typed is lost
        pending = pending.filter(function (entry) {
          if (entry.client_id !== frame.client_id) { return true; }
          entry.element.remove();
          textarea.value = entry.body + (textarea.value ? "\n" + textarea.value : "");
          return false;
        });
      }
      if (frame.code === "non_connecte" || frame.code === "reserve_aux_membres") { stopped = true; }
      status(frame.message, true);
    }
  };

  function connect() {
    socket = new WebSocket(root.dataset.wsUrl);
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      var handler = handlers[frame.type];
      if (handler) { handler(frame); }
    });
    socket.addEventListener("close", function (event) {
      ready = false;
      root.dataset.state = "deconnecte";
      syncing = false;
      clearInterval(heartbeatTimer);
      if (stopped || event.code === 4403) { return; }
      var delay = Math.min(15000, 500 * Math.pow(2, attempts)) + Math.random() * 500;
      attempts += 1;
      status("Connexion perdue, nouvelle tentative dans " + Math.round(delay / 1000) + " s… Vos messages sont gardés.", true);
      setTimeout(connect, delay);
    });
  }

  connect();
}());
