/**
 * Serves the files of one folder and nothing else. The folder is listed once
 * (regular files only: no dotfiles, no symlinks) and a request is answered
 * only when its path names a listed file, so `..`, encoded dots, backslashes
 * and absolute paths can never reach outside it, whatever the URL parser
 * leaves in the path.
 *
 * @module
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** A folder's files, listed on first use. */
export class StaticFiles {
  #root: URL;
  #files: Promise<Map<string, URL>> | undefined;

  /** @param root The folder, as a `file:` URL ending in a slash. */
  constructor(root: URL) {
    if (!root.href.endsWith("/")) {
      throw new TypeError(`Invalid root: expected a folder URL ending in "/", got ${root.href}`);
    }
    this.#root = root;
  }

  /**
   * The response for a request path, or null when the path names no file of
   * the folder ("/" names index.html). The body is always there: the handler
   * drops it for HEAD after measuring it.
   */
  async respond(pathname: string): Promise<Response | null> {
    const name = relativeName(pathname);
    if (name === null) return null;
    const url = (await this.#list()).get(name);
    if (url === undefined) return null;
    const extension = name.slice(name.lastIndexOf("."));
    const headers = {
      "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
      // Files are not content-hashed: revalidate so a redeploy shows at once.
      "cache-control": "no-cache",
    };
    return new Response(await Deno.readFile(url), { headers });
  }

  #list(): Promise<Map<string, URL>> {
    this.#files ??= listFiles(this.#root).catch((error) => {
      this.#files = undefined; // a transient failure must not stick
      throw error;
    });
    return this.#files;
  }
}

/** Maps a URL path to a file name inside the folder, or null if it cannot name one. */
function relativeName(pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (!path.startsWith("/") || path.includes("\\") || path.includes("\0")) return null;
  if (path === "/") return "index.html";
  const segments = path.slice(1).split("/");
  // Empty segments ("//"), "." and ".." and hidden names are never files we list.
  if (segments.some((s) => s === "" || s.startsWith("."))) return null;
  return segments.join("/");
}

async function listFiles(root: URL, prefix = ""): Promise<Map<string, URL>> {
  const files = new Map<string, URL>();
  for await (const entry of Deno.readDir(new URL(prefix, root))) {
    if (entry.name.startsWith(".") || entry.isSymlink) continue;
    const name = prefix + entry.name;
    if (entry.isDirectory) {
      for (const [sub, url] of await listFiles(root, `${name}/`)) files.set(sub, url);
    } else if (entry.isFile) {
      files.set(name, new URL(name.split("/").map(encodeURIComponent).join("/"), root));
    }
  }
  return files;
}
