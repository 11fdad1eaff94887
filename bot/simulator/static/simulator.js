// Progressive enhancement: send with fetch and append bubbles in place.
// Without this script the page still works through plain form posts.
(function () {
  "use strict";
  const form = document.getElementById("composer");
  const thread = document.getElementById("thread");
  const textBox = document.getElementById("text");
  if (!form || !thread || !window.fetch) return;
  const look = form.elements.look.value;
  const consultation = form.elements.consultation.value;

  function bubble(who, text, options) {
    const li = document.createElement("li");
    li.className = "bubble " + who;
    const span = document.createElement("span");
    span.className = "text";
    span.textContent = text;  // never innerHTML: replies may echo resident text
    li.appendChild(span);
    if (look === "telegram" && options && options.length) {
      const row = document.createElement("span");
      row.className = "buttons";
      options.forEach(function (option) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "option";
        button.textContent = option.label;
        button.addEventListener("click", function () { send(option.value); });
        row.appendChild(button);
      });
      li.appendChild(row);
    }
    thread.appendChild(li);
    thread.scrollTop = thread.scrollHeight;
  }

  function label(text) {
    const span = document.createElement("span");
    span.className = "form-label";
    span.textContent = text;
    return span;
  }

  // A playback question: its SMS form (with segment count) and its Telegram
  // form (with buttons), whatever the chosen look.
  function playback(item) {
    const li = document.createElement("li");
    li.className = "bubble bot playback";
    li.dataset.ref = item.ref;
    const segments = item.sms.segments;
    li.appendChild(label("As a text message (" + segments + (segments === 1 ? " segment)" : " segments)")));
    const sms = document.createElement("span");
    sms.className = "text sms-form";
    sms.textContent = item.sms.text;
    li.appendChild(sms);
    li.appendChild(label("On Telegram"));
    const telegram = document.createElement("span");
    telegram.className = "text telegram-form";
    telegram.textContent = item.text;
    li.appendChild(telegram);
    const row = document.createElement("span");
    row.className = "buttons";
    item.options.forEach(function (option) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "option";
      button.textContent = option.label;
      // As on Telegram, a used keyboard goes: the same buttons cannot vote twice.
      button.addEventListener("click", function () { row.remove(); send(option.value); });
      row.appendChild(button);
    });
    li.appendChild(row);
    thread.appendChild(li);
    thread.scrollTop = thread.scrollHeight;
  }

  // Messages the service starts (playback rounds) arrive without a message
  // from the resident: look for them now and then.
  async function checkInbox() {
    const response = await fetch("/simulator/api/inbox");
    if (!response.ok) return;
    const data = await response.json();
    const shown = new Set(Array.from(thread.querySelectorAll("[data-ref]"), function (li) { return li.dataset.ref; }));
    data.messages.forEach(function (item) { if (!shown.has(item.ref)) playback(item); });
  }
  window.setInterval(checkInbox, 5000);

  let messageId = form.elements.message_id.value;
  async function send(text) {
    bubble("me", text, []);
    const response = await fetch("/simulator/api/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, message_id: messageId, consultation: consultation || null }),
    });
    if (!response.ok) {
      bubble("bot", "(The simulator could not send that message: " + response.status + ")", []);
      return;
    }
    const data = await response.json();
    messageId = data.next_message_id;
    data.replies.forEach(function (reply) { bubble("bot", reply.text, reply.options); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = textBox.value;
    textBox.value = "";
    send(text);
  });
  textBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  const check = document.querySelector("form.check");
  if (check) {
    // The page's own transcript field is stale once the script sends: read the inbox in place.
    check.addEventListener("submit", function (event) { event.preventDefault(); checkInbox(); });
  }
  document.querySelectorAll(".thread .option").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      const row = button.closest(".playback .buttons");
      if (row) row.remove();
      send(button.value);
    });
  });
}());
