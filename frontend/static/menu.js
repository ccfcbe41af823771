// On a narrow screen the main navigation starts folded into its "Menu" button; without scripts it stays open.
(function () {
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia("(max-width: 48rem)").matches) {
    menu.open = false;
  }
})();
