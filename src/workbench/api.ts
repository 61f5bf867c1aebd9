// Talking to the API from the page: the key is asked once and kept in sessionStorage (this tab
// only), sent in the Authorization header, never in a URL, never logged.

const KEY_ITEM = 'editorial-data-api.key';

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

export interface Answer<T> {
  status: number;
  etag?: string;
  body?: T;
  problem?: Problem;
  retryAfter?: string;
}

export const storedKey = () => sessionStorage.getItem(KEY_ITEM) ?? undefined;
export const forgetKey = () => sessionStorage.removeItem(KEY_ITEM);

let asking: Promise<string | undefined> | undefined;

/** The key for this tab: the stored one, or asked in a dialog (once; concurrent callers share it). */
export function askKey(force = false): Promise<string | undefined> {
  const key = storedKey();
  if (key && !force) return Promise.resolve(key);
  asking ??= new Promise<string | undefined>((resolve) => {
    const dialog = document.getElementById('key-dialog') as HTMLDialogElement;
    const input = document.getElementById('key-input') as HTMLInputElement;
    const form = document.getElementById('key-form') as HTMLFormElement;
    const cancel = document.getElementById('key-cancel') as HTMLButtonElement;
    const opener = document.activeElement as HTMLElement | null;
    input.value = '';
    const done = (value: string | undefined) => {
      form.removeEventListener('submit', submit);
      cancel.removeEventListener('click', dismiss);
      dialog.removeEventListener('cancel', dismiss);
      if (dialog.open) dialog.close();
      asking = undefined;
      opener?.focus();
      resolve(value);
    };
    const submit = (event: Event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) return;
      sessionStorage.setItem(KEY_ITEM, value);
      done(value);
    };
    const dismiss = (event: Event) => {
      event.preventDefault();
      done(undefined);
    };
    form.addEventListener('submit', submit);
    cancel.addEventListener('click', dismiss);
    dialog.addEventListener('cancel', dismiss);
    dialog.showModal();
    input.focus();
  });
  return asking;
}

/** One request; a keyed one asks for the key first, and again once if the server refuses it (401). */
export async function call<T>(method: string, url: string, options: { body?: unknown; keyed?: boolean; ifMatch?: string } = {}): Promise<Answer<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.keyed) {
      const key = await askKey(attempt > 0);
      if (!key) return { status: 0, problem: { status: 0, detail: 'No API key was given.' } };
      headers.authorization = `Bearer ${key}`;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), cache: 'no-store' });
    } catch (err) {
      return { status: 0, problem: { status: 0, detail: `The server could not be reached (${(err as Error).message}).` } };
    }
    if (res.status === 401 && options.keyed && attempt === 0) {
      forgetKey();
      continue;
    }
    const answer: Answer<T> = { status: res.status, etag: res.headers.get('etag') ?? undefined, retryAfter: res.headers.get('retry-after') ?? undefined };
    const text = await res.text();
    if (text) {
      const json = JSON.parse(text) as unknown;
      if (res.ok) answer.body = json as T;
      else answer.problem = json as Problem;
    }
    return answer;
  }
  return { status: 401, problem: { status: 401, detail: 'The API key was refused.' } };
}
