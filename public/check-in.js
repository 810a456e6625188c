// Check-in at the Rencontres' doors (/gestion/rencontres/:id/accueil), on a phone with a weak network. Each scan
// (camera or typed code) gets a nonce and goes first to this phone's queue (localStorage), then to the server
// in batches: offline, the page says how many wait and sends them when the network is back, after a reload
// too. The server knows a scan sent twice by its nonce. Without this script the form posts one scan.
(() => {
  const form = document.querySelector('form[data-scan-form]');
  if (!form) return;
  const field = form.querySelector('input[name="code"]');
  const token = form.querySelector('input[name="_csrf"]').value;
  const sessionId = form.getAttribute('data-session') || undefined;
  const resultBox = document.querySelector('[data-result]');
  const queueState = document.querySelector('[data-queue]');
  const present = document.querySelector('[data-present]');
  const recentSection = document.querySelector('[data-recent-section]');
  const recentList = document.querySelector('[data-recent]');
  const key = `coopdec:accueil:${form.getAttribute('data-conference')}`;

  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(key) || '[]');
    } catch {
      return [];
    }
  };
  const save = (queue) => localStorage.setItem(key, JSON.stringify(queue));
  // crypto.randomUUID needs a secure context (https, or this machine): otherwise 128 random bits as well.
  const nonce = () =>
    crypto.randomUUID
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
          '',
        );
  const plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  /** 'online', 'offline' (the network failed) or 'stale' (signed out, or the page's token expired). */
  let state = 'online';
  let sending = false;
  /** The last scan made on this page: its answer is the one shown in large. */
  let lastNonce;
  let toldOffline;
  /** What this page scanned, latest first: nonce → its list item and code. */
  const recent = new Map();

  const showQueue = () => {
    const waiting = load().length;
    const text = !waiting
      ? ''
      : state === 'offline'
        ? `Hors ligne : ${plural(waiting, 'passage')} en attente`
        : state === 'stale'
          ? `${plural(waiting, 'passage')} en attente, gardés sur ce téléphone : rechargez la page (reconnectez-vous si elle le demande).`
          : '';
    if (queueState.textContent !== text) queueState.textContent = text;
  };

  const headingOf = (result) =>
    result.outcome === 'refused' ? (result.canLetIn ? 'À vérifier' : 'Refusé') : result.message;

  /** The answer in large, as the server renders it without this script. */
  const show = (result, code) => {
    const box = element('div', '', `check-in-result check-in-${result.outcome}`);
    box.append(element('h2', headingOf(result)));
    if (result.person) {
      const who = element('p', '', 'check-in-person');
      who.append(element('strong', result.person.name));
      for (const part of [result.person.organisation, result.person.category])
        if (part) who.append(document.createElement('br'), part);
      box.append(who);
    }
    if (result.outcome === 'refused') box.append(element('p', result.message));
    if (result.canLetIn && code) {
      const button = element('button', 'Laisser entrer quand même');
      button.type = 'button';
      button.addEventListener('click', () => scan(code, true));
      box.append(button);
    }
    resultBox.replaceChildren(box);
  };

  const showPending = (text) => {
    const box = element('div', '', 'check-in-result check-in-pending');
    box.append(element('h2', text));
    resultBox.replaceChildren(box);
  };

  const remember = (item, text) => {
    const known = recent.get(item.nonce);
    if (known) {
      known.li.textContent = text;
      return;
    }
    const li = element('li', text);
    recent.set(item.nonce, { li, code: item.code, at: item.at });
    recentList.prepend(li);
    while (recentList.children.length > 10) recentList.lastElementChild.remove();
    recentSection.hidden = false;
  };
  // « 9 h 12 », in Paris time, as the server writes times.
  const timeOf = (iso) =>
    new Date(iso)
      .toLocaleTimeString('fr-FR', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Paris' })
      .replace(':', ' h ');

  async function flush() {
    if (sending) return;
    const batch = load().slice(0, 50);
    if (!batch.length) {
      showQueue();
      return;
    }
    sending = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ scans: batch }),
      });
      // Signed out (the sign-in page after a redirect) or a token the server no longer knows: an HTML page.
      if (!(response.headers.get('content-type') || '').includes('application/json')) {
        state = 'stale';
        return;
      }
      const body = await response.json();
      const sent = new Set(batch.map((s) => s.nonce));
      if (response.ok) {
        for (const result of body.results) {
          const { code, at } = recent.get(result.nonce) ?? {};
          const who = result.person ? `${result.person.name} : ` : '';
          remember({ nonce: result.nonce }, `${at ? `${at}, ` : ''}${who}${result.message}`);
          if (result.nonce === lastNonce) show(result, code);
        }
        present.textContent = body.present;
      } else if (response.status === 400) {
        // Scans the server cannot read (a queue written by an older page): dropped, and said.
        showPending(body.message);
      } else {
        throw new Error(String(response.status));
      }
      save(load().filter((s) => !sent.has(s.nonce)));
      state = 'online';
    } catch {
      state = 'offline';
      // Said once per scan: the retries every ten seconds do not announce it again.
      if (lastNonce && lastNonce !== toldOffline && batch.some((s) => s.nonce === lastNonce)) {
        toldOffline = lastNonce;
        showPending('Hors ligne : passage gardé sur ce téléphone, il sera envoyé au retour du réseau');
      }
    } finally {
      sending = false;
      showQueue();
    }
    if (state === 'online' && load().length) flush();
  }

  function scan(code, letIn) {
    const item = {
      nonce: nonce(),
      code: code.trim().slice(0, 2000),
      scannedAt: new Date().toISOString(),
      ...(sessionId ? { sessionId } : {}),
      ...(letIn ? { letIn: true } : {}),
    };
    const queue = load();
    queue.push(item);
    save(queue);
    lastNonce = item.nonce;
    const at = timeOf(item.scannedAt);
    remember({ ...item, at }, `${at} : en attente d’envoi`);
    showPending('Envoi…');
    flush();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = field.value.trim();
    field.value = '';
    field.focus();
    if (code) scan(code, false);
  });
  addEventListener('online', flush);
  setInterval(() => {
    if (load().length) flush();
  }, 10_000);
  flush();

  // The camera, where the browser reads QR codes itself (Chromium on Android): the typed code otherwise.
  const camera = document.querySelector('[data-camera]');
  if (!camera || !('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return;
  camera.hidden = false;
  const video = camera.querySelector('[data-camera-video]');
  const start = camera.querySelector('[data-camera-start]');
  const stop = camera.querySelector('[data-camera-stop]');
  let stream;
  const halt = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };
  stop.addEventListener('click', halt);
  start.addEventListener('click', async () => {
    try {
      const detector = new BarcodeDetector({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      stop.hidden = false;
      await video.play();
      // A badge held in front of the camera is read many times a second: once per five seconds is a scan.
      let last = '';
      let lastAt = 0;
      const look = async () => {
        if (!stream) return;
        try {
          const [code] = await detector.detect(video);
          if (code && (code.rawValue !== last || Date.now() - lastAt > 5000)) {
            last = code.rawValue;
            lastAt = Date.now();
            navigator.vibrate?.(80);
            scan(code.rawValue, false);
          }
        } catch {
          // A frame not ready yet: the next one.
        }
        setTimeout(look, 250);
      };
      look();
    } catch {
      halt();
      showPending('L’appareil photo n’est pas accessible : tapez le code du badge.');
    }
  });
})();
