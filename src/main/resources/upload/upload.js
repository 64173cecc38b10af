import { crc64NvmeOfFile } from './crc64nvme.js';

const PARALLEL_PARTS = 4;
const ATTEMPTS = 5;
const TOKEN = 'chain.upload.token';
const PLANS = 'chain.upload.plans';
// the browser sets these itself and refuses them from a script
const BROWSER_HEADERS = ['host', 'content-length'];

const form = document.getElementById('upload-form');
const tokenInput = document.getElementById('token');
const filesInput = document.getElementById('files');
const dropZone = document.getElementById('drop-zone');
const fileList = document.getElementById('file-list');
const overall = document.getElementById('overall');
const status = document.getElementById('status');
const totals = { sent: new Map(), size: 0 };

tokenInput.value = sessionStorage.getItem(TOKEN) ?? '';
tokenInput.addEventListener('input', () => sessionStorage.setItem(TOKEN, tokenInput.value));
form.addEventListener('submit', event => event.preventDefault());
filesInput.addEventListener('change', () => uploadAll([...filesInput.files]).finally(() => { filesInput.value = ''; }));
dropZone.addEventListener('dragover', event => { event.preventDefault(); dropZone.classList.add('dragging'); });
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', event => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  uploadAll([...event.dataTransfer.files]);
});
showResumable();

/** A plan is kept until completed, under the file's name, size and lastModified: a reload loses the File itself. */
function identity(file) {
  return `${file.name}|${file.size}|${file.lastModified}`;
}

function plans() {
  return JSON.parse(localStorage.getItem(PLANS) ?? '{}');
}

function savePlan(file, plan) {
  const all = plans();
  if (plan) {
    all[identity(file)] = plan;
  } else {
    delete all[identity(file)];
  }
  localStorage.setItem(PLANS, JSON.stringify(all));
  showResumable();
}

function showResumable() {
  const entries = Object.values(plans());
  document.getElementById('resumable').hidden = entries.length === 0;
  document.getElementById('resumable-list').replaceChildren(...entries.map(plan => {
    const item = document.createElement('li');
    item.textContent = `${plan.fileName} (${plan.contentLength} bytes)`;
    return item;
  }));
}

function say(text) {
  status.textContent = text;
}

async function uploadAll(files) {
  if (!tokenInput.value) {
    say('Enter a producer token first.');
    tokenInput.focus();
    return;
  }
  const rows = files.map(file => new FileRow(file));
  totals.size += files.reduce((sum, file) => sum + file.size, 0);
  let failed = 0;
  for (const row of rows) {
    try {
      await row.upload();
    } catch (error) {
      failed++;
      row.fail(error.message);
    }
  }
  say(failed ? `${failed} of ${files.length} uploads failed.` : `${files.length} file(s) uploaded.`);
}

class FileRow {
  constructor(file) {
    this.file = file;
    this.partsSent = 0;
    const id = `file-${fileList.children.length}`;
    this.item = document.createElement('li');
    this.item.innerHTML = `<label for="${id}"></label><progress id="${id}" max="1" value="0"></progress>`
      + '<p class="file-status"></p>';
    this.item.querySelector('label').textContent = `${file.name} (${file.size} bytes)`;
    this.progress = this.item.querySelector('progress');
    this.status = this.item.querySelector('.file-status');
    fileList.append(this.item);
  }

  show(text, kind = '') {
    this.status.textContent = text;
    this.status.className = `file-status ${kind}`;
  }

  sent(part, bytes) {
    totals.sent.set(`${identity(this.file)}#${part}`, bytes);
    const mine = [...totals.sent].filter(([k]) => k.startsWith(`${identity(this.file)}#`)).reduce((s, [, b]) => s + b, 0);
    this.progress.value = this.file.size ? mine / this.file.size : 1;
    overall.value = totals.size ? [...totals.sent.values()].reduce((s, b) => s + b, 0) / totals.size : 1;
  }

  fail(message) {
    this.show(`Failed: ${message}`, 'failed');
  }

  async upload() {
    const stored = plans()[identity(this.file)];
    const resumed = stored && await this.resume(stored);
    if (resumed) {
      return this.uploadParts(stored, resumed);
    }
    this.show('Computing the checksum…');
    const checksum = await crc64NvmeOfFile(this.file, read => this.show(`Computing the checksum… ${Math.floor(100 * read / this.file.size)} %`));
    const ticket = await api('POST', '/v1/uploads', {
      contentType: this.file.type || 'application/octet-stream', contentLength: this.file.size,
      fileName: this.file.name, checksumCrc64Nvme: checksum,
    });
    if (!ticket.uploadId) {
      this.show('Uploading…');
      const headers = Object.entries(ticket.headers ?? {}).filter(([name]) => !BROWSER_HEADERS.includes(name.toLowerCase()));
      await this.put(1, ticket.url, this.file, headers);
      return this.done(ticket.key);
    }
    const plan = { key: ticket.key, uploadId: ticket.uploadId, contentLength: this.file.size, partSize: ticket.partSize,
      checksumCrc64Nvme: checksum, fileName: this.file.name };
    savePlan(this.file, plan);
    return this.uploadParts(plan, { uploadedParts: [], parts: ticket.parts });
  }

  /** What S3 has of a stored plan, or null when the plan is gone (completed, aborted, expired). */
  async resume(plan) {
    try {
      return await api('GET', `/v1/uploads/${encodeURIComponent(plan.uploadId)}?key=${encodeURIComponent(plan.key)}`
        + `&contentLength=${plan.contentLength}&partSize=${plan.partSize}`);
    } catch (error) {
      if (error.status !== 404) {
        throw error;
      }
      savePlan(this.file, null);
      return null;
    }
  }

  async uploadParts(plan, progress) {
    const done = new Map(progress.uploadedParts.map(part => [part.partNumber, part.eTag]));
    progress.uploadedParts.forEach(part => this.sent(part.partNumber, part.size));
    this.show(done.size ? `Resuming: ${done.size} part(s) already stored` : 'Uploading…');
    const urls = new Map(progress.parts.map(part => [part.partNumber, part]));
    const queue = [...urls.keys()];
    const worker = async () => {
      for (let number = queue.shift(); number !== undefined; number = queue.shift()) {
        const part = urls.get(number);
        const from = (number - 1) * plan.partSize;
        done.set(number, await this.put(number, () => urls.get(number).url, this.file.slice(from, from + part.size), [],
          async () => (await this.resume(plan))?.parts.forEach(fresh => urls.set(fresh.partNumber, fresh))));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PARTS }, worker));
    const parts = [...done].sort(([a], [b]) => a - b).map(([partNumber, eTag]) => ({ partNumber, eTag }));
    const completed = await api('POST', '/v1/uploads/complete',
      { key: plan.key, uploadId: plan.uploadId, parts, checksumCrc64Nvme: plan.checksumCrc64Nvme });
    savePlan(this.file, null);
    return this.done(completed.key);
  }

  /** PUTs one body, retried with backoff; a 403 (URL expired) gets fresh URLs first. The ETag S3 answered. */
  async put(part, url, body, headers, refreshUrls = async () => {}) {
    for (let attempt = 1; ; attempt++) {
      try {
        const eTag = await send(typeof url === 'function' ? url() : url, body, headers, bytes => this.sent(part, bytes));
        this.partsSent++;
        this.item.dataset.partsSent = String(this.partsSent);
        return eTag;
      } catch (error) {
        this.sent(part, 0);
        if (attempt === ATTEMPTS || !retryable(error.status)) {
          throw error;
        }
        this.show(`Part ${part}: ${error.message}, trying again (${attempt}/${ATTEMPTS - 1})`);
        await new Promise(resolve => setTimeout(resolve, 500 * 2 ** attempt));
        if (error.status === 403) {
          await refreshUrls();
        }
      }
    }
  }

  done(key) {
    this.progress.value = 1;
    this.item.dataset.key = key;
    this.show('', 'done');
    this.status.append('Uploaded as ', Object.assign(document.createElement('code'), { textContent: key }));
    say(`${this.file.name} uploaded as ${key}`);
  }
}

/** A network error (no status), an expired URL (403), throttling or S3's own failure; another 4xx would only repeat. */
function retryable(status) {
  return status === undefined || status === 403 || status === 429 || status >= 500;
}

/** XMLHttpRequest, not fetch: only it reports upload progress. Resolves to the answer's ETag. */
function send(url, body, headers, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    headers.forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = event => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status === 200) {
        onProgress(body.size);
        resolve(xhr.getResponseHeader('ETag'));
      } else {
        reject(Object.assign(new Error(`S3 answered ${xhr.status}`), { status: xhr.status }));
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(body);
  });
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${tokenInput.value}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const reply = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw Object.assign(new Error(reply.detail || reply.title || `the API answered ${response.status}`), { status: response.status });
  }
  return reply;
}
