/* The event editor's additions to the Wagtail page editor. */
(() => {
  'use strict';

  /* Serbian dates end the year with a dot ("08.04.2027. 09:00"). The date picker splits a value
     at every dot and space, so the dot before the space leaves an empty part and the picker reads
     nothing: it would then open on today and put today's date in the field on the next click.
     Reading the value without that dot (in the value and in the format alike) fixes it; what the
     picker writes keeps the dot. */
  const withoutDotBeforeSpace = (text) => text.replace(/\.(?=\s)/g, '');

  const readSerbianDates = () => {
    const picker = window.jQuery && window.jQuery.datetimepicker;
    if (!picker || !window.DateFormatter) return;
    const formatter = new window.DateFormatter();
    picker.setDateFormatter({
      parseDate: (value, format) =>
        formatter.parseDate(
          typeof value === 'string' ? withoutDotBeforeSpace(value) : value,
          withoutDotBeforeSpace(format),
        ),
      formatDate: (date, format) => formatter.formatDate(date, format),
      guessDate: (value, format) => formatter.guessDate(value, format),
    });
  };

  /* Each tab counts the errors inside it once, when the page loads; StreamField draws its blocks,
     and their errors, afterwards. Counting again once they are drawn puts the count on the tab
     that holds the mistakes (Programme and content), not only on the others. */
  const recountTabErrors = () => {
    const app = window.wagtail && window.wagtail.app;
    if (!app) return;
    document.querySelectorAll('[data-controller~="w-count"]').forEach((element) => {
      const counter = app.getControllerForElementAndIdentifier(element, 'w-count');
      if (counter) counter.count();
    });
  };

  /* After a failed publish the editor comes back with "could not be saved" at the top; autosave
     then saves the same changes as a draft and the header says "Saved". Both on screen at once
     contradict each other, so once a draft save succeeds the banner says what is true: saved as a
     draft, not published, with errors still to fix. The "Go to the first error" button stays. */
  const strings = JSON.parse(
    document.getElementById('panel-event-editor-strings')?.textContent || '{}',
  );
  const isValidationBanner = (message) =>
    message.querySelector('[data-controller~="w-focus"]') !== null;

  const reconcileSaveStatus = () => {
    document.querySelectorAll('.messages li.error').forEach((message) => {
      if (!isValidationBanner(message)) return;
      const text = [...message.childNodes].find(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim(),
      );
      if (text) text.textContent = ` ${strings.savedAsDraftNotPublished} `;
      message.classList.replace('error', 'warning');
    });
  };

  readSerbianDates();
  document.addEventListener('w-autosave:success', reconcileSaveStatus);
  document.addEventListener('w-block:ready', () => window.requestAnimationFrame(recountTabErrors));
  window.addEventListener('load', () => window.requestAnimationFrame(recountTabErrors));
})();
