// Generated from spec/openapi.yaml + templates/docs/page.js.jinja. Do not edit.
// The language tabs of the request panels. Choosing a language in one panel shows it in every
// panel, keeps the chosen tab where it was on the screen, and is remembered for the next visit
// where the browser allows it. A classic script with no dependency, so the page also works
// from file://. Without it, every sample stays visible, one under the other, with its caption.
(function () {
  'use strict';

  var STORAGE_KEY = 'api-reference-language';
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-code-group]'));

  function tabsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll('[role="tab"]'));
  }

  // Shows `language` in `group`; false when the group has no tab for it.
  function show(group, language) {
    var tabs = tabsOf(group);
    var known = tabs.some(function (tab) { return tab.dataset.language === language; });
    if (!known) {
      return false;
    }
    tabs.forEach(function (tab) {
      var selected = tab.dataset.language === language;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')).hidden = !selected;
    });
    return true;
  }

  function remembered() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || '';
    } catch (error) {
      return '';  // storage may be refused (privacy settings); the first tab is shown
    }
  }

  function remember(language) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch (error) {
      // As above: the choice then lasts until the page is left.
    }
  }

  // Every panel shows `language`; the page scrolls so that `anchor` stays where it was.
  function choose(language, anchor) {
    var before = anchor.getBoundingClientRect().top;
    groups.forEach(function (group) { show(group, language); });
    window.scrollBy(0, anchor.getBoundingClientRect().top - before);
    remember(language);
  }

  groups.forEach(function (group) {
    var tabs = tabsOf(group);
    group.classList.add('has-tabs');
    if (!show(group, remembered())) {
      show(group, tabs[0].dataset.language);
    }
    tabs.forEach(function (tab, index) {
      tab.addEventListener('click', function () {
        choose(tab.dataset.language, tab);
      });
      tab.addEventListener('keydown', function (event) {
        var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) {
          return;
        }
        event.preventDefault();
        var next = tabs[(index + step + tabs.length) % tabs.length];
        choose(next.dataset.language, next);
        next.focus();
      });
    });
  });
})();
