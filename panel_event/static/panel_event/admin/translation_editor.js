/* wagtail-localize's translation editor writes two labels in English whatever the admin's
   language: its "<source> to <target> translation" headings and the "More actions" of its
   action menu. They are written into its script, not taken from a catalogue, so they are
   replaced here once the editor has drawn them, with the sentences the server translated
   (panel_event.languages.wagtail_labels). */
(() => {
  'use strict';

  const strings = JSON.parse(
    document.getElementById('panel-event-translation-editor-strings').textContent,
  );
  const HEADING = /^(.+) to (.+) translation$/;

  // Writing a label is itself a mutation the observer below sees: write only what changes,
  // or an admin in English (where the translation is the same text) would loop forever.
  const setText = (element, text) => {
    if (element.textContent !== text) element.textContent = text;
  };

  const relabel = (editor) => {
    editor.querySelectorAll('section h3').forEach((heading) => {
      const match = HEADING.exec(heading.textContent);
      if (match) {
        setText(
          heading,
          strings.translationHeading
            .replace('%(source)s', match[1])
            .replace('%(target)s', match[2]),
        );
      }
    });
    editor.querySelectorAll('.w-sr-only').forEach((label) => {
      if (label.textContent === 'More actions') setText(label, strings.moreActions);
    });
  };

  const start = () => {
    const editor = document.querySelector('.js-translation-editor');
    if (!editor) return;
    relabel(editor);
    // The editor is a React app: it draws, and redraws, after this script has run.
    new MutationObserver(() => relabel(editor)).observe(editor, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
