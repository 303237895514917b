import http from "node:http";
import { E2E } from "../env";

/**
 * One HTTP request to the e2e server with the path exactly as written: no client URL
 * parsing, so percent-encodings, dot segments, `//` and `;params` reach Roster as sent.
 * `chunked` streams the body without a Content-Length.
 */

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  setCookies: string[];
  text: string;
}

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  port?: number;
}

export function raw(path: string, options: RawOptions = {}): Promise<RawAnswer> {
  const port = options.port ?? E2E.port;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: { host: `localhost:${port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            setCookies: res.headers["set-cookie"] ?? [],
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.chunked && options.body !== undefined) {
      // Written in pieces, so the server sees a stream with no declared length.
      const body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
      const piece = 64 * 1024;
      let at = 0;
      const next = () => {
        while (at < body.length) {
          const ok = req.write(body.subarray(at, (at += piece)));
          if (!ok) return void req.once("drain", next);
        }
        req.end();
      };
      req.on("error", () => undefined);
      next();
    } else {
      req.end(options.body);
    }
  });
}

/** `name=value` pairs of Set-Cookie headers, for a Cookie header. */
export const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/** True when an answer sets a next-auth session cookie (a sign-in happened). */
export const setsSession = (answer: RawAnswer) =>
  answer.setCookies.some((c) => /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=[^;]/.test(c));
