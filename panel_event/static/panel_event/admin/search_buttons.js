/* Wagtail's dashboard and page headers hold a submit button for screen readers only, whose
   "Search" is written into the templates rather than taken from a catalogue. It is given the
   admin language's word (panel_event.languages.wagtail_labels). */
(() => {
  'use strict';

  const { label } = document.currentScript.dataset;
  const relabel = () => {
    document
      .querySelectorAll('.w-sr-only input[type="submit"][value="Search"]')
      .forEach((button) => {
        button.value = label;
      });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', relabel);
  } else {
    relabel();
  }
})();
