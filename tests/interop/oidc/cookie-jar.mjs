// A small cookie jar for scripted browsers: cookies per host:port, honouring expiry and deletion.
// (Path and SameSite are ignored: the flows here stay on loopback origins.)
export class CookieJar {
  constructor() { this.jar = new Map(); }

  store(url, response) {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) || new Map();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.split('=').map((s) => s && s.trim().toLowerCase());
        return (k === 'max-age' && Number(v) <= 0) || (k === 'expires' && Date.parse(v) < Date.now());
      });
      if (expired || value === '') cookies.delete(name); else cookies.set(name, value);
    }
    this.jar.set(host, cookies);
  }

  header(url) {
    const cookies = this.jar.get(new URL(url).host);
    return cookies && cookies.size ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }

  names(url) {
    const cookies = this.jar.get(new URL(url).host);
    return cookies ? [...cookies.keys()] : [];
  }
}

// Follows redirects like a browser until `stop(url)` is true; returns that URL (never fetched).
export async function browse(jar, startUrl, stop, { maxHops = 20, log = [] } = {}) {
  let url = startUrl;
  for (let hop = 0; hop < maxHops; hop++) {
    if (stop(url)) return { url, log };
    const headers = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' };
    const cookie = jar.header(url);
    if (cookie) headers.cookie = cookie;
    const res = await fetch(url, { redirect: 'manual', headers });
    jar.store(url, res);
    log.push(`${res.status} ${url}`);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      await res.arrayBuffer();
      continue;
    }
    const body = await res.text();
    const error = new Error(`stopped at ${url} with HTTP ${res.status}: ${body.slice(0, 400)}`);
    error.status = res.status;
    error.body = body;
    error.log = log;
    throw error;
  }
  throw new Error(`more than ${maxHops} redirects from ${startUrl}`);
}
