// The progress of a sending of the Lettre, kept up to date without reloading the page: the page works without
// it (the figures as they were, and « Rechargez la page »); with it, the figures follow the sending every
// three seconds until nothing remains. Reads the staff's JSON of the sending (same origin, session cookie).
(() => {
  const box = document.querySelector('[data-progress-url]');
  if (!box) return;
  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-progress-text]');
  const plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const tick = async () => {
    try {
      const response = await fetch(box.getAttribute('data-progress-url'), { credentials: 'same-origin' });
      if (!response.ok) return;
      const { sent, remaining, failed } = await response.json();
      const total = sent + remaining + failed;
      bar.max = total;
      bar.value = sent + failed;
      text.textContent = `${plural(sent, 'envoyé')}, ${plural(remaining, 'restant')}, ${failed} en échec, sur ${total}.`;
      if (remaining > 0) setTimeout(tick, 3000);
    } catch {
      setTimeout(tick, 10000);
    }
  };
  setTimeout(tick, 3000);
})();
