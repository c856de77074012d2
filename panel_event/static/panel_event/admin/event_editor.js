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

  readSerbianDates();
  document.addEventListener('w-block:ready', () => window.requestAnimationFrame(recountTabErrors));
  window.addEventListener('load', () => window.requestAnimationFrame(recountTabErrors));
})();
