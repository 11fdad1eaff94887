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
  document.querySelectorAll(".thread .option").forEach(function (button) {
    button.addEventListener("click", function (event) { event.preventDefault(); send(button.value); });
  });
}());
