// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  // A save that never reached the server (network down, server error) keeps the taker's
  // selection on screen and offers to send it again.
  function showRetry(event) {
    var source = event.detail.elt;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!source || !source.hasAttribute("data-save-question") || (status >= 400 && status < 500)) {
      return;
    }
    var target = document.getElementById(source.getAttribute("data-status-id"));
    if (!target) {
      return;
    }
    target.textContent = "";
    var message = document.createElement("span");
    message.className = "save-status__error";
    message.textContent = "Not saved: the connection failed. Your choice is still selected. ";
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button--link";
    retry.textContent = "Try again";
    retry.addEventListener("click", function () {
      target.textContent = "Saving…";
      htmx.trigger(source, "change");
    });
    target.appendChild(message);
    target.appendChild(retry);
  }

  // After a swap, move focus where a keyboard or screen-reader user needs it next: an error
  // summary first, else the new content's heading or status message. Autosaves never move focus.
  function focusSwapped(event) {
    var source = event.detail.elt;
    if (source && source.hasAttribute("data-save-question")) {
      return;
    }
    var target = event.detail.target;
    var scope = target && target.isConnected ? target : (target && target.id && document.getElementById(target.id)) || null;
    if (!scope) {
      return;
    }
    var next = scope.querySelector(".error-summary") ||
      scope.querySelector("h1[tabindex='-1'], h2[tabindex='-1']") ||
      scope.querySelector(".status-message[tabindex='-1']");
    if (next) {
      next.focus();
    }
  }

  document.addEventListener("htmx:afterSettle", focusSwapped);
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
  document.addEventListener("htmx:responseError", showRetry);
  document.addEventListener("htmx:sendError", showRetry);
  document.addEventListener("htmx:timeout", showRetry);
})();
