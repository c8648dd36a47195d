// Loads the home page's region tree (a link for every county) after the page has been shown;
// without script, the link in its place opens the same tree as a page of its own.
(function () {
  "use strict";
  var holder = document.getElementById("region-tree");
  if (!holder || !window.fetch) { return; }
  fetch(holder.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
    .then(function (html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      holder.replaceChildren(template.content);
    })
    .catch(function () { /* the link stays */ });
}());
