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

  document.addEventListener("htmx:responseError", showRetry);
  document.addEventListener("htmx:sendError", showRetry);
  document.addEventListener("htmx:timeout", showRetry);
})();
